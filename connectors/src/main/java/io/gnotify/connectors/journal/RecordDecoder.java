package io.gnotify.connectors.journal;

import java.util.Arrays;

/**
 * Decodes one record at a time from a journal held in memory. The field sequence is the same for both
 * encodings (type, gfid, then NUL-prefixed fields, then a terminating NUL); subclasses supply how a gfid
 * and a number are written. Not thread-safe, nor re-entrant: the scratch fields and the reused builder make
 * the parse path allocation-light, so a trial decode inside a decode needs a decoder of its own.
 */
abstract class RecordDecoder {
    /** Longest basename a brick accepts (NAME_MAX). */
    static final int MAX_NAME = 255;
    /** Longest path a brick records (PATH_MAX). */
    static final int MAX_PATH = 4096;

    private final boolean deletedPathRecorded;
    /** Scratch output of {@link #readGfid} and {@link #readNumber}. */
    long scratchMsb;
    long scratchLsb;
    long scratchNumber;
    /** Why the record being decoded is rejected for a name that would leave its directory ({@code null}: it is not). */
    private String badName;
    /** Reused for every E record decoded. */
    private final JournalRecord.Builder record = JournalRecord.builder(RecordType.DATA, 0, 0);

    RecordDecoder(boolean deletedPathRecorded) {
        this.deletedPathRecorded = deletedPathRecorded;
    }

    /** True if UNLINK and RMDIR records carry the deleted path (format v1.2). */
    boolean recordsDeletedPath() {
        return deletedPathRecorded;
    }

    /** The decoder for a parsed header. */
    static RecordDecoder forHeader(JournalHeader header) {
        return header.encoding() == JournalEncoding.ASCII
                ? new AsciiRecordDecoder(header.recordsDeletedPath())
                : new BinaryRecordDecoder(header.recordsDeletedPath());
    }

    /** Bytes a gfid takes in this encoding. */
    abstract int gfidWidth();

    /** Reads the gfid at {@code p} into the scratch fields; fails if it is malformed. */
    abstract void readGfid(byte[] b, int p, int limit) throws DecodeFailure;

    /** Reads the number starting at {@code p} into {@link #scratchNumber}; returns the position after it. */
    abstract int readNumber(byte[] b, int p, int limit) throws DecodeFailure;

    /** True if a record plausibly starts at {@code p} (used to resynchronise after bad bytes). */
    abstract boolean isRecordStart(byte[] b, int p, int limit);

    /**
     * Where a record starts inside the tail of the last field {@code b[from..end)}, or -1. A hit means this
     * record's terminating NUL was corrupted and its last field ran on into the next record.
     */
    abstract int recordStartInTail(byte[] b, int from, int end, int limit);

    /** Decodes the record starting at {@code start}; the result's length says where the next one starts. */
    final JournalRecord decode(byte[] b, int start, int limit) throws DecodeFailure {
        RecordType type = RecordType.ofCode(b[start]);
        if (type == null) {
            throw DecodeFailure.garbage(start, String.format("byte 0x%02x where a record type (E, D, M) was expected",
                    b[start] & 0xff));
        }
        int p = start + 1;
        badName = null;
        readGfid(b, p, limit);
        long msb = scratchMsb;
        long lsb = scratchLsb;
        p += gfidWidth();
        int fopNumber = -1;
        JournalRecord.Builder entry = null;
        if (type != RecordType.DATA) {
            p = separator(b, p, limit);
            p = readNumber(b, p, limit);
            fopNumber = (int) scratchNumber;
            Fop fop = Fop.ofNumber(fopNumber);
            if (fop == null || scratchNumber != fopNumber) {
                throw new DecodeFailure(JournalProblem.Kind.UNKNOWN_FOP, start,
                        "fop number " + scratchNumber + " is not a GlusterFS 10.x fop");
            }
            if (type == RecordType.ENTRY) {
                entry = record.restart(type, msb, lsb).fop(fopNumber);
                p = decodeEntryFields(b, start, p, limit, fop, entry);
            }
        }
        if (p >= limit) {
            throw DecodeFailure.torn(start, "record ends before its terminating NUL");
        }
        if (b[p] != 0) {
            throw DecodeFailure.garbage(start, "record not terminated by NUL at offset " + p);
        }
        if (badName != null) {
            // A well-formed record: skip exactly it, not a scan for the next plausible start.
            throw new DecodeFailure(JournalProblem.Kind.BAD_NAME, start, badName, p + 1);
        }
        // D and M records (most of a journal) skip the builder: no entry fields to reset and copy.
        return entry == null ? new JournalRecord(type, msb, lsb, fopNumber, start, p + 1 - start)
                : entry.position(start, p + 1 - start).build();
    }

    private int decodeEntryFields(byte[] b, int start, int p, int limit, Fop fop, JournalRecord.Builder r)
            throws DecodeFailure {
        Fop.EntryLayout layout = fop.entryLayout();
        if (layout == null) {
            throw new DecodeFailure(JournalProblem.Kind.UNKNOWN_FOP, start,
                    "E record with fop " + fop + " (" + fop.number() + "), which has no entry layout");
        }
        if (layout == Fop.EntryLayout.MODE_OWNER_ENTRY) {
            p = readNumber(b, separator(b, p, limit), limit);
            int mode = (int) scratchNumber;
            p = readNumber(b, separator(b, p, limit), limit);
            int uid = (int) scratchNumber;
            p = readNumber(b, separator(b, p, limit), limit);
            r.modeOwner(mode, uid, (int) scratchNumber);
        }
        p = separator(b, p, limit);
        readGfid(b, p, limit);
        long parentMsb = scratchMsb;
        long parentLsb = scratchLsb;
        p = nameAfterParent(b, p, limit);
        int end = scanName(b, p, limit, start, "name");
        if (end == p) {
            throw DecodeFailure.garbage(start, "empty name in entry at offset " + p);
        }
        boolean nameIsLast = layout == Fop.EntryLayout.MODE_OWNER_ENTRY || layout == Fop.EntryLayout.ENTRY
                || (layout == Fop.EntryLayout.ENTRY_DELETED_PATH && !deletedPathRecorded);
        if (nameIsLast) {
            checkTerminated(b, start, p, end, limit);
        }
        checkEntryName(b, p, end, "name");
        r.entry(parentMsb, parentLsb, Arrays.copyOfRange(b, p, end));
        p = end;
        if (layout == Fop.EntryLayout.TWO_ENTRIES) {
            p = separator(b, p, limit);
            readGfid(b, p, limit);
            parentMsb = scratchMsb;
            parentLsb = scratchLsb;
            p = nameAfterParent(b, p, limit);
            end = scanName(b, p, limit, start, "new name");
            if (end == p) {
                throw DecodeFailure.garbage(start, "empty new name in rename at offset " + p);
            }
            checkTerminated(b, start, p, end, limit);
            checkEntryName(b, p, end, "new name");
            r.newEntry(parentMsb, parentLsb, Arrays.copyOfRange(b, p, end));
            p = end;
        } else if (layout == Fop.EntryLayout.ENTRY_DELETED_PATH && deletedPathRecorded) {
            p = separator(b, p, limit);
            end = scanNul(b, p, limit, MAX_PATH, start, "deleted path");
            checkTerminated(b, start, p, end, limit);
            checkPathComponents(b, p, end);
            r.deletedPath(Arrays.copyOfRange(b, p, end));
            // An empty captured path is followed by one extra NUL before the terminator.
            p = end == p ? separator(b, end, limit) : end;
        }
        return p;
    }

    /**
     * The NUL ending a basename starting at {@code p} (as {@link #scanNul} with {@link #MAX_NAME}), noting a bad name
     * if a '/' comes before it: one pass finds both.
     */
    private int scanName(byte[] b, int p, int limit, int recordStart, String what) throws DecodeFailure {
        int stop = Math.min(limit, p + MAX_NAME + 1);
        int q = ByteScan.indexOfEither(b, p, stop, (byte) 0, (byte) '/');
        if (q == stop || b[q] == 0) {
            return nulFound(q, p, stop, limit, MAX_NAME, recordStart, what);
        }
        rejectName(what + " at offset " + p + " contains '/'");
        return nulFound(ByteScan.indexOf(b, q, stop, (byte) 0), p, stop, limit, MAX_NAME, recordStart, what);
    }

    /** Notes a bad name if {@code b[from, to)} (a basename without '/', see {@link #scanName}) is "." or "..". */
    private void checkEntryName(byte[] b, int from, int to, String what) {
        if (isDots(b, from, to)) {
            rejectName(what + " at offset " + from + " is '.' or '..'");
        }
    }

    /**
     * Notes a bad name if the path {@code b[from, to)} has a "." or ".." component. Only the dots are visited (most
     * paths have one or none): a component is dots alone if its first byte is a dot that starts it (the path's start
     * or after '/') and it ends ('/' or the path's end) after one or two dots.
     */
    private void checkPathComponents(byte[] b, int from, int to) {
        for (int dot = ByteScan.indexOf(b, from, to, (byte) '.'); dot < to; dot = ByteScan.indexOf(b, dot + 1, to, (byte) '.')) {
            if (dot > from && b[dot - 1] != '/') {
                continue;
            }
            int end = dot + 1 < to && b[dot + 1] == '.' ? dot + 2 : dot + 1;
            if (end == to || b[end] == '/') {
                rejectName("deleted path at offset " + from + " has a '.' or '..' component");
                return;
            }
        }
    }

    private void rejectName(String why) {
        if (badName == null) {
            badName = why + "; a name must stay inside its directory, so the record is skipped";
        }
    }

    private static boolean isDots(byte[] b, int from, int to) {
        int n = to - from;
        return (n == 1 && b[from] == '.') || (n == 2 && b[from] == '.' && b[from + 1] == '.');
    }

    /** Fails if the last field swallowed the start of the next record (a corrupted terminator). */
    private void checkTerminated(byte[] b, int start, int from, int end, int limit) throws DecodeFailure {
        int next = recordStartInTail(b, from, end, limit);
        if (next >= 0) {
            throw DecodeFailure.garbage(start, "record not terminated: its last field runs into a record at offset " + next);
        }
    }

    /** Checks the '/' between a parent gfid at {@code p} and the basename; returns the basename start. */
    private int nameAfterParent(byte[] b, int p, int limit) throws DecodeFailure {
        int slash = p + gfidWidth();
        if (slash >= limit) {
            throw DecodeFailure.torn(p, "entry cut off after its parent gfid");
        }
        if (b[slash] != '/') {
            throw DecodeFailure.garbage(p, "no '/' after the parent gfid at offset " + slash);
        }
        return slash + 1;
    }

    /** Expects a NUL at {@code p}; returns the position after it. */
    static int separator(byte[] b, int p, int limit) throws DecodeFailure {
        if (p >= limit) {
            throw DecodeFailure.torn(p, "record cut off where a NUL separator was expected");
        }
        if (b[p] != 0) {
            throw DecodeFailure.garbage(p, String.format("byte 0x%02x where a NUL separator was expected", b[p] & 0xff));
        }
        return p + 1;
    }

    /** Position of the NUL ending a field of at most {@code max} bytes starting at {@code p}. */
    static int scanNul(byte[] b, int p, int limit, int max, int recordStart, String what) throws DecodeFailure {
        int end = Math.min(limit, p + max + 1);
        return nulFound(ByteScan.indexOf(b, p, end, (byte) 0), p, end, limit, max, recordStart, what);
    }

    /** {@code nul} if a field starting at {@code p} ended there before {@code end}; else why it did not end. */
    private static int nulFound(int nul, int p, int end, int limit, int max, int recordStart, String what)
            throws DecodeFailure {
        if (nul < end) {
            return nul;
        }
        if (end == limit && limit - p <= max) {
            throw DecodeFailure.torn(recordStart, what + " cut off by the end of the file");
        }
        throw new DecodeFailure(JournalProblem.Kind.RECORD_TOO_LONG, recordStart,
                what + " longer than " + max + " bytes at offset " + p);
    }

    /** Decoding stopped at a bad record; cheap (no stack trace) because bad input is an expected event. */
    static final class DecodeFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final JournalProblem.Kind kind;
        final int offset;

        /** Where reading resumes for a record that is well-formed but rejected (-1: scan for the next start). */
        final int resumeAt;

        DecodeFailure(JournalProblem.Kind kind, int offset, String detail) {
            this(kind, offset, detail, -1);
        }

        DecodeFailure(JournalProblem.Kind kind, int offset, String detail, int resumeAt) {
            super(detail, null, false, false);
            this.kind = kind;
            this.offset = offset;
            this.resumeAt = resumeAt;
        }

        static DecodeFailure torn(int offset, String detail) {
            return new DecodeFailure(JournalProblem.Kind.TORN_TAIL, offset, detail);
        }

        static DecodeFailure garbage(int offset, String detail) {
            return new DecodeFailure(JournalProblem.Kind.GARBAGE, offset, detail);
        }
    }
}
