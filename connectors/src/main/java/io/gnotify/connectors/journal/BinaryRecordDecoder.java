package io.gnotify.connectors.journal;

/**
 * Encoding 1 as the GlusterFS 10.x translator writes it: 16 raw gfid bytes and 4-byte little-endian
 * numbers (x86-64 native order). Raw gfids may contain NUL and newline bytes, so only positional decoding
 * works.
 */
final class BinaryRecordDecoder extends RecordDecoder {
    BinaryRecordDecoder(boolean deletedPathRecorded) {
        super(deletedPathRecorded);
    }

    @Override
    int gfidWidth() {
        return Gfid.RAW_LENGTH;
    }

    @Override
    void readGfid(byte[] b, int p, int limit) throws DecodeFailure {
        if (p + Gfid.RAW_LENGTH > limit) {
            throw DecodeFailure.torn(p, "gfid cut off by the end of the file");
        }
        scratchMsb = Gfid.rawMsb(b, p);
        scratchLsb = Gfid.rawLsb(b, p);
    }

    @Override
    int readNumber(byte[] b, int p, int limit) throws DecodeFailure {
        if (p + 4 > limit) {
            throw DecodeFailure.torn(p, "number cut off by the end of the file");
        }
        scratchNumber = (b[p] & 0xffL) | (b[p + 1] & 0xffL) << 8 | (b[p + 2] & 0xffL) << 16 | (b[p + 3] & 0xffL) << 24;
        return p + 4;
    }

    /**
     * A plausible start: a type byte, a NUL after the gfid, and a record that decodes and is followed by the
     * end of the file or another plausible type byte. (The NUL that ends the previous record is not required:
     * it may be the corrupted byte.)
     */
    @Override
    boolean isRecordStart(byte[] b, int p, int limit) {
        int afterGfid = p + 1 + Gfid.RAW_LENGTH;
        if (afterGfid >= limit || RecordType.ofCode(b[p]) == null || b[afterGfid] != 0) {
            return false;
        }
        try {
            int end = p + decode(b, p, limit).length();
            return end == limit || (RecordType.ofCode(b[end]) != null
                    && end + 1 + Gfid.RAW_LENGTH < limit && b[end + 1 + Gfid.RAW_LENGTH] == 0);
        } catch (DecodeFailure notARecord) {
            return false;
        }
    }

    @Override
    int recordStartInTail(byte[] b, int from, int end, int limit) {
        for (int q = Math.max(from, end - 1 - Gfid.RAW_LENGTH); q < end; q++) {
            if (RecordType.ofCode(b[q]) != null && isRecordStart(b, q, limit)) {
                return q;
            }
        }
        return -1;
    }
}
