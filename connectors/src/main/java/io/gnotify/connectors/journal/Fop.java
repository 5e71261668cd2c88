package io.gnotify.connectors.journal;

/** GlusterFS 10.x file operation numbers ({@code glusterfs_fop_t}) with libgfchangelog's names. */
public enum Fop {
    NULL, STAT, READLINK, MKNOD, MKDIR, UNLINK, RMDIR, SYMLINK, RENAME, LINK,
    TRUNCATE, OPEN, READ, WRITE, STATFS, FLUSH, FSYNC, SETXATTR, GETXATTR, REMOVEXATTR,
    OPENDIR, FSYNCDIR, ACCESS, CREATE, FTRUNCATE, FSTAT, LK, LOOKUP, READDIR, INODELK,
    FINODELK, ENTRYLK, FENTRYLK, XATTROP, FXATTROP, FGETXATTR, FSETXATTR, RCHECKSUM, SETATTR, FSETATTR,
    READDIRP, FORGET, RELEASE, RELEASEDIR, GETSPEC, FREMOVEXATTR, FALLOCATE, DISCARD, ZEROFILL, IPC,
    SEEK, LEASE, COMPOUND, GETACTIVELK, SETACTIVELK, PUT, ICREATE, NAMELINK, COPY_FILE_RANGE;

    private static final Fop[] BY_NUMBER = values();
    /** Each fop's entry layout, computed once (the parser asks for every entry record). */
    private static final EntryLayout[] LAYOUTS = new EntryLayout[BY_NUMBER.length];

    static {
        for (Fop f : BY_NUMBER) {
            LAYOUTS[f.ordinal()] = layoutOf(f);
        }
    }

    /** The on-disk number; the enum order is the GlusterFS enum order. */
    public int number() {
        return ordinal();
    }

    /** The fop for {@code number}, or {@code null} when GlusterFS 10.x has no such fop. */
    public static Fop ofNumber(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }

    /** The shape of an {@code E} record's fields for this fop, or {@code null} if it is not an entry fop. */
    public EntryLayout entryLayout() {
        return LAYOUTS[ordinal()];
    }

    private static EntryLayout layoutOf(Fop fop) {
        switch (fop) {
            case CREATE:
            case MKNOD:
            case MKDIR:
                return EntryLayout.MODE_OWNER_ENTRY;
            case SYMLINK:
            case LINK:
                return EntryLayout.ENTRY;
            case RENAME:
                return EntryLayout.TWO_ENTRIES;
            case UNLINK:
            case RMDIR:
                return EntryLayout.ENTRY_DELETED_PATH;
            default:
                return null;
        }
    }

    /** Field layouts of entry ({@code E}) records, after the fop number. */
    public enum EntryLayout {
        /** mode, uid, gid, pgfid/name. */
        MODE_OWNER_ENTRY,
        /** pgfid/name. */
        ENTRY,
        /** old pgfid/name, new pgfid/name. */
        TWO_ENTRIES,
        /** pgfid/name and, from format v1.2, the captured deleted path. */
        ENTRY_DELETED_PATH
    }
}
