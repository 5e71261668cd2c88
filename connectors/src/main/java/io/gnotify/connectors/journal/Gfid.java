package io.gnotify.connectors.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

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
    private static final VarHandle BIG_ENDIAN_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    /** Two ASCII characters, read as one big-endian char, to the byte their hex digits make, or -1 (the valid pairs lie in a few dozen cache lines). */
    private static final short[] HEX_PAIR = new short[1 << 16];

    static {
        java.util.Arrays.fill(HEX_PAIR, (short) -1);
        String digits = "0123456789abcdefABCDEF";
        for (char hi : digits.toCharArray()) {
            for (char lo : digits.toCharArray()) {
                HEX_PAIR[hi << 8 | lo] = (short) (Character.digit(hi, 16) << 4 | Character.digit(lo, 16));
            }
        }
    }

    private Gfid() {}

    /** True if {@code buf[pos..pos+36)} is a well-formed text gfid. */
    public static boolean isText(byte[] buf, int pos) {
        return parseText(buf, pos, new long[2]);
    }

    /**
     * Parses the text gfid at {@code pos} in one pass, checking it as it goes: {@code out[0]} gets the high and
     * {@code out[1]} the low 64 bits. Returns false, leaving {@code out} unchanged, if it is malformed.
     */
    public static boolean parseText(byte[] buf, int pos, long[] out) {
        if (pos < 0 || pos + TEXT_LENGTH > buf.length || !dashesAt(buf, pos)) {
            return false;
        }
        long time = hexPairs(buf, pos, 4);
        long mid = hexPairs(buf, pos + 9, 2);
        long high = hexPairs(buf, pos + 14, 2);
        long seq = hexPairs(buf, pos + 19, 2);
        long node = hexPairs(buf, pos + 24, 6);
        if ((time | mid | high | seq | node) < 0) {
            return false;
        }
        out[0] = time << 32 | mid << 16 | high;
        out[1] = seq << 48 | node;
        return true;
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
        long[] gfid = new long[2];
        if (b.length != TEXT_LENGTH || !parseText(b, 0, gfid)) {
            throw new IllegalArgumentException("not a gfid: " + text);
        }
        return gfid;
    }

    private static boolean dashesAt(byte[] buf, int pos) {
        return buf[pos + 8] == '-' && buf[pos + 13] == '-' && buf[pos + 18] == '-' && buf[pos + 23] == '-';
    }

    /** The value of {@code pairs} (at most 6) pairs of hex digits at {@code pos}, or a negative value. */
    private static long hexPairs(byte[] buf, int pos, int pairs) {
        long v = 0;
        int bad = 0;
        for (int i = 0; i < pairs; i++) {
            int b = HEX_PAIR[(char) (short) BIG_ENDIAN_SHORT.get(buf, pos + 2 * i)];
            bad |= b;
            v = v << 8 | (b & 0xff);
        }
        return bad < 0 ? -1 : v;
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
