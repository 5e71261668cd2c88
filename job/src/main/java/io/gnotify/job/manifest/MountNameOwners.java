package io.gnotify.job.manifest;

import io.gnotify.connectors.crawl.GfidSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Looks names up on a FUSE mount of the volume through its virtual {@code glusterfs.gfid.string} attribute. */
public final class MountNameOwners implements NameOwners {
    private static final long serialVersionUID = 1L;

    private final String mount;

    public MountNameOwners(String mount) {
        this.mount = mount;
    }

    /** The mount's path. */
    public String mount() {
        return mount;
    }

    @Override
    public GfidKey ownerOf(byte[] path, long journalSecond) {
        byte[] root = mount.getBytes(StandardCharsets.UTF_8);
        byte[] full = Arrays.copyOf(root, root.length + 1 + path.length);
        full[root.length] = '/';
        System.arraycopy(path, 0, full, root.length + 1, path.length);
        return gfidAt(full);
    }

    /**
     * The gfid of the entry at {@code fullPath} on a GlusterFS mount; {@code null} when it is gone, the file
     * system is not GlusterFS, or the answer cannot be read.
     */
    public static GfidKey gfidAt(byte[] fullPath) {
        long[] g = GfidSource.MOUNT.gfid(fullPath);
        return g == null ? null : new GfidKey(g[0], g[1]);
    }
}
