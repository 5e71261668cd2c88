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
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes finished window files once their checkpoint is complete: an atomic rename from the hidden
 * in-progress name, then an fsync of the directory. Idempotent: a file already in place is committed. A file in
 * place with other bytes is never replaced: the new version is kept beside it as {@code <name>.conflict}, logged
 * and counted ({@code windowFileConflicts}).
 */
final class WindowFileCommitter implements Committer<WindowFileCommittable> {
    /** What a conflicting version is kept as, next to the published file. */
    static final String CONFLICT_SUFFIX = ".conflict";
    private static final Logger LOG = LoggerFactory.getLogger(WindowFileCommitter.class);
    private final Counter conflicts;

    WindowFileCommitter(Counter conflicts) {
        this.conflicts = conflicts;
    }

    /** A committer counting conflicts nowhere (tests). */
    WindowFileCommitter() {
        this(new SimpleCounter());
    }

    @Override
    public void commit(Collection<CommitRequest<WindowFileCommittable>> requests) throws IOException {
        for (CommitRequest<WindowFileCommittable> r : requests) {
            Path tmp = Paths.get(r.getCommittable().inProgress());
            Path target = Paths.get(r.getCommittable().target());
            try {
                publish(r, tmp, target);
            } catch (IOException e) {
                throw UnwritableOutput.of(target, e);
            }
        }
    }

    /** Publishes one finished file, or recognises it as published already. */
    private void publish(CommitRequest<WindowFileCommittable> r, Path tmp, Path target) throws IOException {
        if (Files.exists(target)) {
            if (Files.exists(tmp) && Files.mismatch(tmp, target) != -1) {
                keepConflict(tmp, target);
            } else {
                Files.deleteIfExists(tmp);
            }
            r.signalAlreadyCommitted();
        } else if (Files.exists(tmp)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(target.getParent());
        } else {
            r.signalFailedWithUnknownReason(new IOException("cannot commit " + target + ": neither it nor "
                    + tmp + " exists"));
        }
    }

    /**
     * Another run published this window with other content, most likely a {@code --bounded} run whose last window
     * was partial, continued into the same output by a later run. The published file stays (a backup may have
     * applied it); this version is kept for the operator to compare.
     */
    private void keepConflict(Path tmp, Path target) throws IOException {
        Path kept = target.resolveSibling(target.getFileName() + CONFLICT_SUFFIX);
        Files.move(tmp, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target.getParent());
        conflicts.inc();
        LOG.error("{} was already published with other content; it is left as it is and this run's version is in {} "
                + "(did a --bounded run publish this window partially into the same output?)", target, kept);
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() {}
}
