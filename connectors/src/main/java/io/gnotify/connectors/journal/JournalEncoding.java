package io.gnotify.connectors.journal;

/** The two journal encodings named by the header's {@code encoding : N} field. */
public enum JournalEncoding {
    /** 16-byte raw gfids and native-endian 4-byte numbers (changelog.encoding binary). */
    BINARY(1),
    /** Text gfids and decimal numbers (changelog.encoding ascii, the default). */
    ASCII(2);

    private final int code;

    JournalEncoding(int code) {
        this.code = code;
    }

    /** The number written in the header. */
    public int code() {
        return code;
    }

    /** The encoding for a header number, or {@code null} if unknown. */
    public static JournalEncoding ofCode(int code) {
        for (JournalEncoding e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
