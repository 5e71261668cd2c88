package io.gnotify.job.manifest;

/**
 * The volume's namespace: inodes by gfid and the directory entry index ((parent, name) to gfid). The
 * manifest stage reads and writes it through this interface; the in-memory store serves tests and small
 * volumes, a keyed-state store large ones.
 */
public interface NamespaceStore {
    /** The inode, or {@code null} if unknown. */
    Inode inode(GfidKey gfid);

    /** Replaces the inode; {@code null} or an inode without links removes it. */
    void put(GfidKey gfid, Inode inode);

    /** The gfid holding {@code link}, or {@code null}. */
    GfidKey entry(Link link);

    /** Sets or (with {@code null}) removes the entry {@code link}. */
    void entry(Link link, GfidKey gfid);
}
