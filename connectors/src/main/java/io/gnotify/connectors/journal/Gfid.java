package io.gnotify.connectors.journal;

/** GlusterFS gfid (a UUID) codecs working on two longs, without allocating on the parse path. */
public final class Gfid {
    /** Length of the canonical text form {@code 8-4-4-4-12}. */
    public static final int TEXT_LENGTH = 36;
    /** Length of the raw form used by binary journals. */
    public static final int RAW_LENGTH = 16;
    /** Most significant half of the root directory's gfid {@code 00000000-0000-0000-0000-000000000001}. */
    public static final long ROOT_MSB = 0L;
    /** Least significant half of the root directory's gfid. */
    public static final long ROOT_LSB = 1L;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] NIBBLE = new byte[256];

    static {
        java.util.Arrays.fill(NIBBLE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            NIBBLE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            NIBBLE['a' + i] = (byte) (10 + i);
            NIBBLE['A' + i] = (byte) (10 + i);
        }
    }

    private Gfid() {}

    /** True if {@code buf[pos..pos+36)} is a well-formed text gfid. */
    public static boolean isText(byte[] buf, int pos) {
        if (pos < 0 || pos + TEXT_LENGTH > buf.length) {
            return false;
        }
        for (int i = 0; i < TEXT_LENGTH; i++) {
            byte b = buf[pos + i];
            boolean dashSlot = i == 8 || i == 13 || i == 18 || i == 23;
            if (dashSlot ? b != '-' : NIBBLE[b & 0xff] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The high 64 bits of the text gfid at {@code pos}; call {@link #isText} first. */
    public static long textMsb(byte[] buf, int pos) {
        return hex(buf, pos, 8) << 32 | hex(buf, pos + 9, 4) << 16 | hex(buf, pos + 14, 4);
    }

    /** The low 64 bits of the text gfid at {@code pos}; call {@link #isText} first. */
    public static long textLsb(byte[] buf, int pos) {
        return hex(buf, pos + 19, 4) << 48 | hex(buf, pos + 24, 12);
    }

    /** The high 64 bits of a raw 16-byte gfid (big-endian, as uuid_t is stored). */
    public static long rawMsb(byte[] buf, int pos) {
        return bigEndianLong(buf, pos);
    }

    /** The low 64 bits of a raw 16-byte gfid. */
    public static long rawLsb(byte[] buf, int pos) {
        return bigEndianLong(buf, pos + 8);
    }

    /** Writes the canonical lowercase text form into {@code out} at {@code pos}. */
    public static void writeText(long msb, long lsb, byte[] out, int pos) {
        putHex(msb >>> 32, 8, out, pos);
        out[pos + 8] = '-';
        putHex(msb >>> 16, 4, out, pos + 9);
        out[pos + 13] = '-';
        putHex(msb, 4, out, pos + 14);
        out[pos + 18] = '-';
        putHex(lsb >>> 48, 4, out, pos + 19);
        out[pos + 23] = '-';
        putHex(lsb, 12, out, pos + 24);
    }

    /** Writes the raw 16-byte form into {@code out} at {@code pos}. */
    public static void writeRaw(long msb, long lsb, byte[] out, int pos) {
        for (int i = 0; i < 8; i++) {
            out[pos + i] = (byte) (msb >>> (56 - 8 * i));
            out[pos + 8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
    }

    /** The canonical text form as a String (for logs, JSON and tests; not on the parse path). */
    public static String toString(long msb, long lsb) {
        byte[] out = new byte[TEXT_LENGTH];
        writeText(msb, lsb, out, 0);
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Parses a text gfid; throws {@link IllegalArgumentException} if malformed. */
    public static long[] parse(String text) {
        byte[] b = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (b.length != TEXT_LENGTH || !isText(b, 0)) {
            throw new IllegalArgumentException("not a gfid: " + text);
        }
        return new long[] {textMsb(b, 0), textLsb(b, 0)};
    }

    private static long hex(byte[] buf, int pos, int digits) {
        long v = 0;
        for (int i = 0; i < digits; i++) {
            v = v << 4 | NIBBLE[buf[pos + i] & 0xff];
        }
        return v;
    }

    private static void putHex(long value, int digits, byte[] out, int pos) {
        for (int i = digits - 1; i >= 0; i--) {
            out[pos + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    private static long bigEndianLong(byte[] buf, int pos) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[pos + i] & 0xff);
        }
        return v;
    }
}
