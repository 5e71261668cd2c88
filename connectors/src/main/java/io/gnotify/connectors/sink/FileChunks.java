package io.gnotify.connectors.sink;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bytes of one window file, collected in chunks of at most {@link #CHUNK} bytes, so that a large file (a
 * window's manifest can take tens of megabytes) travels to the sink as many small {@link WindowFileLine}s:
 * no array the size of the file, no copy of it, and no record large enough for Flink's network stack to spill
 * it to disk on the way.
 */
public final class FileChunks extends OutputStream {
    /** Bytes per chunk: far below the size at which Flink spills a record that spans network buffers (5 MB). */
    public static final int CHUNK = 64 * 1024;

    private final List<byte[]> full = new ArrayList<>();
    private byte[] current;
    private int used;

    @Override
    public void write(int b) {
        if (current == null || used == current.length) {
            nextChunk();
        }
        current[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (current == null || used == current.length) {
                nextChunk();
            }
            int n = Math.min(len, current.length - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    private void nextChunk() {
        if (current != null) {
            full.add(current);
        }
        current = new byte[CHUNK];
        used = 0;
    }

    /** Bytes written so far. */
    public long size() {
        return (long) full.size() * CHUNK + used;
    }

    /** Feeds every byte written so far to {@code digest}, in order (the file can be written on afterwards). */
    public void digest(MessageDigest digest) {
        for (byte[] c : full) {
            digest.update(c);
        }
        if (current != null) {
            digest.update(current, 0, used);
        }
    }

    /** The chunks in order, the last one trimmed (none for an empty file); the stream is empty again afterwards. */
    public List<byte[]> chunks() {
        List<byte[]> all = new ArrayList<>(full);
        if (used > 0) {
            all.add(used == current.length ? current : Arrays.copyOf(current, used));
        }
        current = null;
        full.clear();
        used = 0;
        return Collections.unmodifiableList(all);
    }

    /**
     * The lines that write {@code chunks} to {@code file} (committed at {@code windowEnd}): one per chunk, and one
     * empty line for an empty file, so that it exists all the same.
     */
    public static void lines(long windowEnd, String file, List<byte[]> chunks, Consumer<WindowFileLine> out) {
        if (chunks.isEmpty()) {
            out.accept(new WindowFileLine(windowEnd, file, new byte[0]));
        }
        for (byte[] c : chunks) {
            out.accept(new WindowFileLine(windowEnd, file, c));
        }
    }

    /** {@code chunks} joined into one array (for writing a file directly, not for the job's path). */
    public static byte[] join(List<byte[]> chunks) {
        long n = 0;
        for (byte[] c : chunks) {
            n += c.length;
        }
        byte[] all = new byte[Math.toIntExact(n)];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        return all;
    }
}
