package io.gnotify.job.backup;

import io.gnotify.connectors.crawl.RawPaths;
import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.MountNameOwners;
import java.nio.file.Path;

/** Which inode holds a path of the mounted volume now, so a copy never takes another inode's content. */
@FunctionalInterface
public interface SourceInodes {
    /** On a GlusterFS mount, its {@code glusterfs.gfid.string} attribute; elsewhere no answer. */
    SourceInodes MOUNT = p -> {
        byte[] raw = RawPaths.bytes(p);
        return raw == null ? null : MountNameOwners.gfidAt(raw);
    };

    /** The gfid of the inode at {@code path}, or {@code null} when that cannot be told. */
    GfidKey at(Path path);

    /**
     * False only when another inode than {@code gfid} is known to hold {@code path}: the volume moved on (a later
     * manifest renames {@code gfid} away, or renames another inode over its name), so the copy is owed instead.
     */
    default boolean holds(Path path, GfidKey gfid) {
        GfidKey now = at(path);
        return now == null || now.equals(gfid);
    }
}
