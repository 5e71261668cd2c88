package io.gnotify.job;

import java.io.Serializable;

/** Windows of a fixed size aligned to multiples of that size in epoch seconds: {@code [start, start+size)}. */
public final class WindowGrid implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long seconds;

    public WindowGrid(long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("a window is at least 1 second, got " + seconds);
        }
        this.seconds = seconds;
    }

    public long seconds() {
        return seconds;
    }

    /** Start of the window holding journal second {@code ts}. */
    public long start(long ts) {
        return Math.floorDiv(ts, seconds) * seconds;
    }

    public long end(long start) {
        return start + seconds;
    }

    /** The file stem of a window: zero-padded {@code <start>-<end>}. */
    public String name(long start) {
        return name(start, end(start));
    }

    /** The file stem of any span, e.g. a bootstrap manifest's {@code [0, end)}. */
    public static String name(long start, long end) {
        return pad(start) + "-" + pad(end);
    }

    private static String pad(long v) {
        String s = Long.toString(v);
        return s.length() >= 10 ? s : "0000000000".substring(s.length()) + s;
    }
}
