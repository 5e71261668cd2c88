package io.gnotify.job.manifest;

import io.gnotify.connectors.crawl.Xattrs;
import io.gnotify.connectors.journal.Gfid;
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
        byte[] text;
        try {
            text = Xattrs.get(fullPath, "glusterfs.gfid.string", 64);
        } catch (IllegalStateException e) {
            return null; // gone since (ENOENT) or not a GlusterFS mount: no answer
        }
        if (text == null) {
            return null;
        }
        String s = new String(text, StandardCharsets.US_ASCII).replace("\0", "").trim();
        try {
            long[] g = Gfid.parse(s);
            return new GfidKey(g[0], g[1]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
