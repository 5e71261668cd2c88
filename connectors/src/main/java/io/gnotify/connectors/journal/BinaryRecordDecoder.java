package io.gnotify.connectors.journal;

/**
 * Encoding 1 as the GlusterFS 10.x translator writes it: 16 raw gfid bytes and 4-byte little-endian
 * numbers (x86-64 native order). Raw gfids may contain NUL and newline bytes, so only positional decoding
 * works.
 */
final class BinaryRecordDecoder extends RecordDecoder {
    /** Decodes trial records for {@link #isRecordStart}, so a probe never disturbs the record being decoded. */
    private BinaryRecordDecoder probe;

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
            if (probe == null) {
                probe = new BinaryRecordDecoder(recordsDeletedPath());
            }
            int end = p + probe.decode(b, p, limit).length();
            return end == limit || (RecordType.ofCode(b[end]) != null
                    && end + 1 + Gfid.RAW_LENGTH < limit && b[end + 1 + Gfid.RAW_LENGTH] == 0);
        } catch (DecodeFailure notARecord) {
            return false;
        }
    }

    /** True if the 16 bytes at {@code gfid} (all within the journal) carry UUID version 4 and its variant. */
    private static boolean isRandomUuid(byte[] b, int gfid) {
        return (b[gfid + 6] & 0xf0) == 0x40 && (b[gfid + 8] & 0xc0) == 0x80;
    }

    /**
     * A name whose last 17 bytes are 'D' and 16 others reads exactly like a D record after a lost terminator.
     * Such a D record counts only if its gfid is a random (version 4) UUID, as GlusterFS makes them: a name's
     * ASCII bytes never carry the variant bits (0b10 in byte 8), so ordinary names decode as written. An E or M
     * record needs a fop and separators after its gfid, which a well-formed name's tail cannot supply.
     */
    @Override
    int recordStartInTail(byte[] b, int from, int end, int limit) {
        for (int q = Math.max(from, end - 1 - Gfid.RAW_LENGTH); q < end; q++) {
            RecordType type = RecordType.ofCode(b[q]);
            if (type == null || (type == RecordType.DATA
                    && (q + 1 + Gfid.RAW_LENGTH > limit || !isRandomUuid(b, q + 1)))) {
                continue;
            }
            if (isRecordStart(b, q, limit)) {
                return q;
            }
        }
        return -1;
    }
}
