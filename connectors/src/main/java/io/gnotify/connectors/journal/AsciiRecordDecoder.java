package io.gnotify.connectors.journal;

/** Encoding 2: 36-character text gfids and decimal numbers. */
final class AsciiRecordDecoder extends RecordDecoder {
    /** More digits than any 32-bit value needs. */
    private static final int MAX_DIGITS = 10;
    private static final long HIGH_NIBBLES = ~ByteScan.LOW_NIBBLES;

    /** Output of {@link Gfid#parseText} (read at once by {@link #readGfid}; the record-start checks only test). */
    private final long[] gfid = new long[2];

    AsciiRecordDecoder(boolean deletedPathRecorded) {
        super(deletedPathRecorded);
    }

    @Override
    int gfidWidth() {
        return Gfid.TEXT_LENGTH;
    }

    @Override
    void readGfid(byte[] b, int p, int limit) throws DecodeFailure {
        if (p + Gfid.TEXT_LENGTH > limit) {
            throw DecodeFailure.torn(p, "gfid cut off by the end of the file");
        }
        if (!Gfid.parseText(b, p, gfid)) {
            throw DecodeFailure.garbage(p, "malformed text gfid at offset " + p);
        }
        scratchMsb = gfid[0];
        scratchLsb = gfid[1];
    }

    @Override
    int readNumber(byte[] b, int p, int limit) throws DecodeFailure {
        if (p + Long.BYTES <= limit) {
            // Fast path for the usual number: one to seven digits and a NUL, read as one long (first byte lowest).
            long x = ByteScan.littleEndianLong(b, p);
            // A byte is flagged unless its high nibble is 3 and its low nibble at most 9.
            long nonDigit = ((x & HIGH_NIBBLES) ^ 0x3030303030303030L) | (((x & ByteScan.LOW_NIBBLES) + 0x0606060606060606L) & HIGH_NIBBLES);
            int digits = Long.numberOfTrailingZeros(nonDigit) >>> 3;
            if (digits > 0 && digits < Long.BYTES && b[p + digits] == 0) {
                scratchNumber = decimal(x & ByteScan.LOW_NIBBLES, digits);
                return p + digits;
            }
        }
        return readNumberByteByByte(b, p, limit);
    }

    /** The value of the first {@code digits} (1-7) digit values in {@code v}'s bytes, the first byte most significant. */
    private static long decimal(long v, int digits) {
        v <<= 8 * (Long.BYTES - digits); // the digits to the top bytes, zeros (leading zeros) below
        v = (v * 10 + (v >>> 8)) & 0x00FF00FF00FF00FFL;
        v = (v * 100 + (v >>> 16)) & 0x0000FFFF0000FFFFL;
        return (v * 10000 + (v >>> 32)) & 0xFFFFFFFFL;
    }

    /** Every other number, and every malformed one (which fails here with the right problem). */
    private int readNumberByteByByte(byte[] b, int p, int limit) throws DecodeFailure {
        long v = 0;
        int i = p;
        for (int stop = Math.min(limit, p + MAX_DIGITS); i < stop; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            v = v * 10 + digit;
        }
        if (i == limit) {
            throw DecodeFailure.torn(p, "number cut off by the end of the file");
        }
        if (i == p + MAX_DIGITS && b[i] >= '0' && b[i] <= '9') {
            throw new DecodeFailure(JournalProblem.Kind.RECORD_TOO_LONG, p,
                    "number longer than " + MAX_DIGITS + " digits at offset " + p);
        }
        if (i == p || b[i] != 0 || v > 0xffffffffL) {
            throw DecodeFailure.garbage(p, "malformed decimal number at offset " + p);
        }
        scratchNumber = v;
        return i;
    }

    @Override
    boolean isRecordStart(byte[] b, int p, int limit) {
        return p + 1 + Gfid.TEXT_LENGTH < limit
                && RecordType.ofCode(b[p]) != null
                && b[p + 1 + Gfid.TEXT_LENGTH] == 0
                && Gfid.parseText(b, p + 1, gfid);
    }

    @Override
    int recordStartInTail(byte[] b, int from, int end, int limit) {
        int q = end - 1 - Gfid.TEXT_LENGTH;
        return q >= from && RecordType.ofCode(b[q]) != null && Gfid.parseText(b, q + 1, gfid) ? q : -1;
    }
}
