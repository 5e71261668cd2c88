package io.gnotify.connectors.journal;

import java.nio.charset.StandardCharsets;

/** The first line of every journal: {@code GlusterFS Changelog | version: v1.2 | encoding : 2\n}. */
public final class JournalHeader {
    /** The longest header line accepted before it is declared malformed. */
    static final int MAX_LENGTH = 256;
    private static final byte[] MAGIC = "GlusterFS Changelog".getBytes(StandardCharsets.US_ASCII);

    private final int major;
    private final int minor;
    private final JournalEncoding encoding;
    private final int length;

    public JournalHeader(int major, int minor, JournalEncoding encoding, int length) {
        this.major = major;
        this.minor = minor;
        this.encoding = encoding;
        this.length = length;
    }

    /** The header GlusterFS 10.x writes for {@code encoding}: v1.2, 51 bytes. */
    public static JournalHeader current(JournalEncoding encoding) {
        return new JournalHeader(1, 2, encoding, render(1, 2, encoding).length);
    }

    public int major() {
        return major;
    }

    public int minor() {
        return minor;
    }

    public JournalEncoding encoding() {
        return encoding;
    }

    /** Bytes of the header line including its newline: where the first record starts. */
    public int length() {
        return length;
    }

    /** True from v1.2 on: UNLINK and RMDIR records carry the deleted path. */
    public boolean recordsDeletedPath() {
        return major > 1 || minor >= 2;
    }

    /** The header line's bytes, newline included. */
    public byte[] toBytes() {
        return render(major, minor, encoding);
    }

    private static byte[] render(int major, int minor, JournalEncoding encoding) {
        String line = "GlusterFS Changelog | version: v" + major + "." + minor + " | encoding : "
                + encoding.code() + "\n";
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses and validates the header at the start of {@code buf}; accepts versions v1.1 and v1.2 and
     * encodings 1 (binary) and 2 (ascii).
     */
    public static JournalHeader parse(byte[] buf, int limit, String source) throws JournalFormatException {
        int nl = -1;
        for (int i = 0; i < Math.min(limit, MAX_LENGTH); i++) {
            if (buf[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            throw bad(source, limit, limit == 0 ? "empty file, no header line"
                    : "no header line terminated by a newline in the first " + Math.min(limit, MAX_LENGTH) + " bytes");
        }
        String line = new String(buf, 0, nl, StandardCharsets.ISO_8859_1);
        if (!startsWithMagic(buf, nl)) {
            throw bad(source, nl + 1, "header does not start with 'GlusterFS Changelog': " + printable(line));
        }
        int v = line.indexOf("version:");
        int e = line.indexOf("encoding");
        if (v < 0 || e < 0) {
            throw bad(source, nl + 1, "header lacks the version or encoding field: " + printable(line));
        }
        String version = line.substring(v + "version:".length(), e).replace('|', ' ').trim();
        String enc = line.substring(e + "encoding".length()).replace(':', ' ').trim();
        int major;
        int minor;
        int code;
        try {
            if (!version.startsWith("v") || version.indexOf('.') < 0) {
                throw new NumberFormatException(version);
            }
            major = Integer.parseInt(version.substring(1, version.indexOf('.')));
            minor = Integer.parseInt(version.substring(version.indexOf('.') + 1));
            code = Integer.parseInt(enc);
        } catch (NumberFormatException ex) {
            throw bad(source, nl + 1, "unreadable version or encoding in header: " + printable(line));
        }
        if (major != 1 || (minor != 1 && minor != 2)) {
            throw bad(source, nl + 1, "unsupported journal version v" + major + "." + minor + " (v1.1 and v1.2 are read)");
        }
        JournalEncoding encoding = JournalEncoding.ofCode(code);
        if (encoding == null) {
            throw bad(source, nl + 1, "unknown encoding " + code + " (1 = binary, 2 = ascii)");
        }
        return new JournalHeader(major, minor, encoding, nl + 1);
    }

    private static boolean startsWithMagic(byte[] buf, int lineEnd) {
        if (lineEnd < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static JournalFormatException bad(String source, long skipped, String detail) {
        return new JournalFormatException(
                new JournalProblem(JournalProblem.Kind.BAD_HEADER, source, 0, skipped, detail));
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + " " + encoding;
    }
}
