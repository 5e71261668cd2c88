package io.gnotify.job.backup;

import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.PathBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Copies a manifest asked for whose path the live volume no longer had, or had for another inode: the volume
 * has moved on since the window closed (the entry, or a directory above it, was renamed later, or another
 * inode took its name). Each is followed through the later
 * manifests' renames and copied as soon as the volume shows its path (held by its inode); a later DELETE, or a later
 * NEW/MODIFY/META of the same inode, settles it instead.
 */
public final class PendingCopies {
    /** An entry still to copy: its inode, type, and its path as of the last manifest applied. */
    public record Pending(GfidKey gfid, FileType type, byte[] path) {}

    private final List<Pending> items = new ArrayList<>();

    public PendingCopies(List<Pending> restored) {
        items.addAll(restored);
    }

    public List<Pending> items() {
        return List.copyOf(items);
    }

    void add(GfidKey gfid, FileType type, byte[] path) {
        items.add(new Pending(gfid, type, path));
    }

    /** Moves the pending paths from {@code m}'s window start to its end; drops those {@code m} settles itself. */
    void follow(ManifestFile m) {
        for (int i = 0; i < items.size(); i++) {
            Pending p = items.get(i);
            byte[] path = p.path();
            byte[] bestOld = null;
            byte[] bestNew = null;
            boolean settled = false;
            for (ManifestEntry e : m.entries()) {
                if (e.gfid().equals(p.gfid()) && e.op() != ManifestEntry.Op.RENAME && e.op() != ManifestEntry.Op.DELETE) {
                    settled = true; // the later manifest copies this inode itself
                } else if (e.op() == ManifestEntry.Op.DELETE && e.path() != null && PathBytes.within(path, e.path())) {
                    settled = true;
                } else if (e.op() == ManifestEntry.Op.RENAME && e.oldPath() != null && e.path() != null
                        && PathBytes.within(path, e.oldPath()) && (bestOld == null || e.oldPath().length > bestOld.length)) {
                    bestOld = e.oldPath();
                    bestNew = e.path();
                }
            }
            if (settled) {
                items.set(i, null);
            } else if (bestOld != null) {
                items.set(i, new Pending(p.gfid(), p.type(), PathBytes.rebase(path, bestOld, bestNew)));
            }
        }
        items.removeIf(java.util.Objects::isNull);
    }

    /** Copies every pending entry the volume now shows (parents first); returns how many were copied. */
    int copyFound(Path source, Path target, SourceInodes inodes) throws IOException {
        items.sort(Comparator.comparingInt((Pending p) -> PathBytes.depth(p.path())));
        int copied = 0;
        for (Iterator<Pending> it = items.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            Path src = SafePath.under(source, p.path());
            Path dst = SafePath.under(target, p.path());
            if (Files.exists(src, LinkOption.NOFOLLOW_LINKS) && Files.isDirectory(dst.getParent())
                    && inodes.holds(src, p.gfid()) && SourceCopier.copy(src, dst)) {
                it.remove();
                copied++;
            }
        }
        return copied;
    }
}
