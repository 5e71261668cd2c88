package io.gnotify.job.manifest;

/** The manifest's file types, from the mode bits of create-type records. */
public enum FileType {
    FILE, DIR, SYMLINK, OTHER;

    /** The type for a mode with type bits (S_IFMT). */
    public static FileType ofMode(int mode) {
        switch (mode & 0170000) {
            case 0100000:
                return FILE;
            case 0040000:
                return DIR;
            case 0120000:
                return SYMLINK;
            default:
                return OTHER;
        }
    }

    /** The manifest's spelling: {@code file}, {@code dir}, {@code symlink}, {@code other}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
