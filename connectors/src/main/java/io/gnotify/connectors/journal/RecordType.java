package io.gnotify.connectors.journal;

/** The three kinds of changelog record: entry, data and metadata. */
public enum RecordType {
    /** Namespace change: create, mkdir, link, rename, unlink, ... */
    ENTRY('E'),
    /** Data change (first write or truncate of the inode in the window). */
    DATA('D'),
    /** Metadata change (setattr, xattr). */
    METADATA('M');

    private final byte code;

    RecordType(char code) {
        this.code = (byte) code;
    }

    /** The type byte as written in journals. */
    public byte code() {
        return code;
    }

    /** The type for a journal byte, or {@code null} if the byte starts no record. */
    public static RecordType ofCode(int b) {
        switch (b) {
            case 'E':
                return ENTRY;
            case 'D':
                return DATA;
            case 'M':
                return METADATA;
            default:
                return null;
        }
    }
}
