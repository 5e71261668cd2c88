package io.gnotify.connectors.sink;

import java.util.Arrays;
import java.util.Objects;

/**
 * Bytes to append to one output file of a window ({@code file} is relative to the sink's directory, e.g.
 * {@code dr22/events/1795500660-1795500720.jsonl}). Empty bytes just make sure the file exists. The file
 * is committed once the watermark reaches {@code windowEnd*1000-1}.
 */
public final class WindowFileLine {
    private final long windowEnd;
    private final String file;
    private final byte[] bytes;

    public WindowFileLine(long windowEnd, String file, byte[] bytes) {
        this.windowEnd = windowEnd;
        this.file = Objects.requireNonNull(file, "file");
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    /** End of the window (epoch seconds, exclusive). */
    public long windowEnd() {
        return windowEnd;
    }

    public String file() {
        return file;
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowFileLine l && l.windowEnd == windowEnd && l.file.equals(file)
                && Arrays.equals(l.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(windowEnd, file, Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return file + " +" + bytes.length + "B (closes at " + windowEnd + ")";
    }
}
