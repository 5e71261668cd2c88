package io.gnotify.connectors.sink;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.apache.flink.api.connector.sink2.Committer;

/**
 * Publishes finished window files once their checkpoint is complete: an atomic rename from the hidden
 * in-progress name, then an fsync of the directory. Idempotent: a file already in place is committed.
 */
final class WindowFileCommitter implements Committer<WindowFileCommittable> {
    @Override
    public void commit(Collection<CommitRequest<WindowFileCommittable>> requests) throws IOException {
        for (CommitRequest<WindowFileCommittable> r : requests) {
            Path tmp = Paths.get(r.getCommittable().inProgress());
            Path target = Paths.get(r.getCommittable().target());
            if (Files.exists(target)) {
                Files.deleteIfExists(tmp);
                r.signalAlreadyCommitted();
            } else if (Files.exists(tmp)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                syncDirectory(target.getParent());
            } else {
                r.signalFailedWithUnknownReason(new IOException("cannot commit " + target + ": neither it nor "
                        + tmp + " exists"));
            }
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() {}
}
