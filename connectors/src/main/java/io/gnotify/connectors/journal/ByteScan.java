package io.gnotify.connectors.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The parser's eight-bytes-at-a-time helpers: finding a byte in a range (the scans for NUL terminators and '/'),
 * and the loads and byte masks the gfid and number decoders share.
 */
final class ByteScan {
    private static final VarHandle LITTLE_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    /** The top bit of every byte. */
    static final long HIGH_BITS = 0x8080808080808080L;
    /** The low nibble of every byte. */
    static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;

    private ByteScan() {}

    /** The eight bytes at {@code i} as one long, the first byte lowest. */
    static long littleEndianLong(byte[] b, int i) {
        return (long) LITTLE_ENDIAN_LONG.get(b, i);
    }

    /** The first index of {@code value} in {@code b[from, to)}, or {@code to} if it does not occur there. */
    static int indexOf(byte[] b, int from, int to, byte value) {
        long pattern = (value & 0xffL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = littleEndianLong(b, i) ^ pattern;
            // A byte of x is zero where the value is; the lowest flagged byte is always a true match.
            long found = (x - ONES) & ~x & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return to;
    }

    /** The first index of either {@code one} or {@code other} in {@code b[from, to)}, or {@code to}. */
    static int indexOfEither(byte[] b, int from, int to, byte one, byte other) {
        long first = (one & 0xffL) * ONES;
        long second = (other & 0xffL) * ONES;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long w = littleEndianLong(b, i);
            long x = w ^ first;
            long y = w ^ second;
            // Each test's lowest flagged byte is a true match, so the lowest of both is too.
            long found = ((x - ONES) & ~x | (y - ONES) & ~y) & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == one || b[i] == other) {
                return i;
            }
        }
        return to;
    }
}
