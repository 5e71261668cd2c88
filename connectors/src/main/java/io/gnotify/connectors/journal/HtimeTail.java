package io.gnotify.connectors.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows one HTIME file as the brick appends to it: hands out its complete entries in order, starting at
 * a given entry number, and reads only the bytes appended since the last look. Entries that are not
 * journal paths are reported ({@code BAD_HTIME}) and passed over, but still counted, so entry numbers
 * stay stable across restarts.
 */
public final class HtimeTail {
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final ProblemListener problems;
    private final ArrayDeque<HtimeIndex.Entry> pending = new ArrayDeque<>();
    /** Bytes of the file parsed into entries (always just after a NUL). */
    private long parsedBytes;
    /** Number of entries (valid or not) parsed so far. */
    private int parsedEntries;

    private HtimeTail(Path file, ProblemListener problems) {
        this.file = file;
        this.problems = problems;
    }

    /** A tail positioned so that the first entry handed out is entry number {@code firstEntry}. */
    public static HtimeTail open(Path file, int firstEntry, ProblemListener problems) throws IOException {
        HtimeTail t = new HtimeTail(file, problems);
        t.skip(firstEntry);
        return t;
    }

    public Path file() {
        return file;
    }

    /** The next complete entry, reading what the brick appended if needed; {@code null} if there is none yet. */
    public HtimeIndex.Entry peek() throws IOException {
        if (pending.isEmpty()) {
            readAppended();
        }
        return pending.peekFirst();
    }

    /** Moves past the entry {@link #peek()} returned. */
    public void advance() {
        pending.pollFirst();
    }

    /** Number of complete entries in the file now (valid or not). */
    public int completeEntries() throws IOException {
        readAppended();
        return parsedEntries;
    }

    private void skip(int entries) throws IOException {
        while (parsedEntries < entries) {
            int before = parsedEntries;
            readAppended();
            while (!pending.isEmpty() && pending.peekFirst().index() < entries) {
                pending.pollFirst();
            }
            if (parsedEntries == before) {
                throw new JournalFormatException(new JournalProblem(JournalProblem.Kind.BAD_HTIME, file.toString(),
                        parsedBytes, 0, "a saved cursor names entry " + entries + " but the HTIME file has only "
                                + parsedEntries + " complete entries (was it truncated or replaced?)"));
            }
        }
    }

    /** Parses complete entries appended after {@link #parsedBytes}. */
    private void readAppended() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < parsedBytes) {
                throw new JournalFormatException(new JournalProblem(JournalProblem.Kind.BAD_HTIME, file.toString(),
                        size, 0, "HTIME file shrank from " + parsedBytes + " to " + size + " bytes"));
            }
            byte[] carry = new byte[0];
            long pos = parsedBytes;
            while (pos + carry.length < size) {
                int want = (int) Math.min(CHUNK, size - pos - carry.length);
                byte[] buf = new byte[carry.length + want];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                ByteBuffer bb = ByteBuffer.wrap(buf, carry.length, want);
                while (bb.hasRemaining()) {
                    if (ch.read(bb, pos + carry.length + bb.position() - carry.length) < 0) {
                        break;
                    }
                }
                int complete = HtimeIndex.completeLength(buf, bb.position());
                List<HtimeIndex.Entry> found = new ArrayList<>();
                parsedEntries += HtimeIndex.parse(buf, 0, complete, pos, parsedEntries, file, problems, found);
                pending.addAll(found);
                pos += complete;
                parsedBytes = pos;
                carry = java.util.Arrays.copyOfRange(buf, complete, bb.position());
                if (bb.position() < buf.length) {
                    break;
                }
            }
        }
    }
}
