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
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

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
        // Four groups of eight digits: 8 | 4+4 | 4+4 (the first of the node's 12) | the last 8.
        long a = (long) BIG_ENDIAN_LONG.get(buf, pos);
        long b = twoInts(buf, pos + 9, pos + 14);
        long c = twoInts(buf, pos + 19, pos + 24);
        long d = (long) BIG_ENDIAN_LONG.get(buf, pos + 28);
        // One check for all 32 digits: every byte of every group must be a hex digit.
        if ((notHex(a) | notHex(b) | notHex(c) | notHex(d)) != 0) {
            return false;
        }
        long time = hexValue(a);
        long midHigh = hexValue(b);
        long seqNode = hexValue(c);
        long nodeLow = hexValue(d);
        out[0] = time << 32 | midHigh;
        out[1] = seqNode << 32 | nodeLow;
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

    /** The four bytes at {@code first} then the four at {@code second}, as one big-endian long. */
    private static long twoInts(byte[] buf, int first, int second) {
        return (long) (int) BIG_ENDIAN_INT.get(buf, first) << 32 | ((int) BIG_ENDIAN_INT.get(buf, second) & 0xffffffffL);
    }

    /**
     * The 32-bit value of the eight ASCII hex digits in {@code x} (the first digit in its top byte), or -1 if any
     * byte is not one of {@code 0-9a-fA-F}. All eight bytes are checked and converted at once.
     */
    static long hex8(long x) {
        return notHex(x) != 0 ? -1 : hexValue(x);
    }

    /** Non-zero unless every byte of {@code x} is one of {@code 0-9a-fA-F}. */
    private static long notHex(long x) {
        // For bytes below 0x80 these sums carry into no neighbour; each byte's top bit then answers one
        // comparison: x >= '0', x > '9', and (with 'A'-'F' folded onto 'a'-'f') x >= 'a', x > 'f'.
        long folded = x | 0x2020202020202020L;
        long digit = (x + 0x5050505050505050L) & ~(x + 0x4646464646464646L);
        long letter = (folded + 0x1F1F1F1F1F1F1F1FL) & ~(folded + 0x1919191919191919L);
        return (x | ~(digit | letter)) & ByteScan.HIGH_BITS;
    }

    /** The 32-bit value of eight ASCII hex digits (already checked), the first digit in the top byte. */
    private static long hexValue(long x) {
        // A digit's value is its low nibble, a letter's (bit 6 set) its low nibble plus 9; then pack the nibbles.
        long v = (x & ByteScan.LOW_NIBBLES) + ((x >>> 6) & 0x0101010101010101L) * 9;
        v = (v | v >>> 4) & 0x00FF00FF00FF00FFL;
        v = (v | v >>> 8) & 0x0000FFFF0000FFFFL;
        return (v | v >>> 16) & 0xFFFFFFFFL;
    }

    private static void putHex(long value, int digits, byte[] out, int pos) {
        for (int i = digits - 1; i >= 0; i--) {
            out[pos + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
    }

    private static long bigEndianLong(byte[] buf, int pos) {
        return (long) BIG_ENDIAN_LONG.get(buf, pos);
    }
}
