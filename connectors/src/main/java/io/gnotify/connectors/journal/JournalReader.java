package io.gnotify.connectors.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the records of one rolled-over journal, held in memory, in file order. Bad records are reported
 * to the {@link ProblemListener} with file and offset and skipped: decoding resumes at the next plausible
 * record start, so valid records around a bad one are kept.
 */
public final class JournalReader {
    /** The largest journal read (an array's limit, with room): far above any rollover's worth of records. */
    private static final int MAX_JOURNAL = Integer.MAX_VALUE - 16;
    private final byte[] buf;
    private final int limit;
    private final String source;
    private final JournalHeader header;
    private final RecordDecoder decoder;
    private final ProblemListener problems;
    private int position;
    private long skippedBytes;
    private int problemCount;

    private JournalReader(byte[] buf, int limit, String source, JournalHeader header, ProblemListener problems) {
        this.buf = buf;
        this.limit = limit;
        this.source = source;
        this.header = header;
        this.decoder = RecordDecoder.forHeader(header);
        this.problems = problems;
        this.position = header.length();
    }

    /** Reads the whole file and its header; a bad header fails here with {@code BAD_HEADER}. */
    public static JournalReader open(Path file, ProblemListener problems) throws IOException {
        return open(file, problems, null);
    }

    /**
     * As {@link #open(Path, ProblemListener)}, reading into {@code reuse} when the file fits (else into a new
     * array, with a quarter to spare when a buffer is being reused): a reader of journal after journal keeps one
     * buffer ({@link #buffer()}) instead of leaving a journal-sized array behind for the collector each time. The
     * buffer belongs to this reader until the next open with it; records never refer to it.
     */
    public static JournalReader open(Path file, ProblemListener problems, byte[] reuse) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size > MAX_JOURNAL) {
                throw new IOException(file + ": " + size + " bytes, more than a journal can be (" + MAX_JOURNAL + ")");
            }
            byte[] buf = reuse == null ? new byte[(int) size]
                    : reuse.length >= size ? reuse : new byte[(int) Math.min(MAX_JOURNAL, size + size / 4)];
            int n = 0;
            while (true) {
                if (n == buf.length) {
                    if (n == MAX_JOURNAL) {
                        throw new IOException(file + ": grew past " + MAX_JOURNAL + " bytes while being read");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(MAX_JOURNAL, 2L * n + 1));
                }
                int r = ch.read(ByteBuffer.wrap(buf, n, buf.length - n));
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return of(buf, n, file.toString(), problems);
        }
    }

    /** The array this reader decodes (its first {@link #size()} bytes are the journal). */
    public byte[] buffer() {
        return buf;
    }

    /** A reader over {@code buf[0..limit)}, named {@code source} in problems. */
    public static JournalReader of(byte[] buf, int limit, String source, ProblemListener problems)
            throws JournalFormatException {
        return new JournalReader(buf, limit, source, JournalHeader.parse(buf, limit, source), problems);
    }

    public JournalHeader header() {
        return header;
    }

    /** The file this reader reads, as named in problems. */
    public String source() {
        return source;
    }

    /** Offset of the next byte to decode: after the last returned or skipped record. */
    public int position() {
        return position;
    }

    /** Size of the journal in bytes. */
    public int size() {
        return limit;
    }

    /** Bytes skipped so far because of problems. */
    public long skippedBytes() {
        return skippedBytes;
    }

    /** Problems reported so far. */
    public int problemCount() {
        return problemCount;
    }

    /**
     * Continues at {@code offset}, a record boundary previously returned by {@link #position()} (e.g. a
     * checkpointed cursor). The header length is the first boundary; the file size the last.
     */
    public void seek(long offset) throws JournalFormatException {
        if (offset < header.length() || offset > limit
                || (offset < limit && !decoder.isRecordStart(buf, (int) offset, limit) && !decodes((int) offset))) {
            throw new JournalFormatException(new JournalProblem(JournalProblem.Kind.GARBAGE, source, offset, 0,
                    "cursor offset " + offset + " is not a record boundary of this journal (size " + limit + ")"));
        }
        position = (int) offset;
    }

    /** The next valid record, or {@code null} at the end of the journal. */
    public JournalRecord next() throws JournalFormatException {
        while (position < limit) {
            int start = position;
            try {
                JournalRecord r = decoder.decode(buf, start, limit);
                position = start + r.length();
                return r;
            } catch (RecordDecoder.DecodeFailure f) {
                int resume = f.resumeAt > start ? f.resumeAt : nextRecordStart(start + 1);
                problemCount++;
                skippedBytes += resume - start;
                position = resume;
                problems.onProblem(new JournalProblem(f.kind, source, start, resume - start,
                        f.getMessage() + (resume < limit ? "; resumed at offset " + resume : "; nothing valid after it")));
            }
        }
        return null;
    }

    private int nextRecordStart(int from) {
        for (int p = from; p < limit; p++) {
            if (decoder.isRecordStart(buf, p, limit)) {
                return p;
            }
        }
        return limit;
    }

    private boolean decodes(int offset) {
        try {
            decoder.decode(buf, offset, limit);
            return true;
        } catch (RecordDecoder.DecodeFailure e) {
            return false;
        }
    }
}
