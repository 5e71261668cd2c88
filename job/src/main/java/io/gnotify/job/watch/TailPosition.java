package io.gnotify.job.watch;

/**
 * Where a tail starts or stands. For volume events it is an event {@code seq} ({@code entry} is 0); for
 * manifests it is a manifest {@code seq} and the 1-based index of an entry in it ({@code 0}: its first entry).
 * Written as {@code SEQ} or {@code SEQ.ENTRY}; {@link #START} is the oldest committed item, {@link #NOW}
 * the first one committed after the tail opened.
 */
public record TailPosition(long seq, int entry) {
    /** The oldest committed event or manifest entry. */
    public static final TailPosition START = new TailPosition(0, 0);
    /** The first event or entry committed after the tail opens. */
    public static final TailPosition NOW = new TailPosition(-1, 0);

    public TailPosition {
        if (seq < -1 || entry < 0) {
            throw new IllegalArgumentException("not a tail position: " + seq + "." + entry);
        }
    }

    /** Parses {@code now}, {@code start}, {@code SEQ} or {@code SEQ.ENTRY}. */
    public static TailPosition parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("now")) {
            return NOW;
        }
        if (t.equalsIgnoreCase("start")) {
            return START;
        }
        try {
            int dot = t.indexOf('.');
            return dot < 0 ? new TailPosition(Long.parseLong(t), 0)
                    : new TailPosition(Long.parseLong(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a position (now, start, SEQ or SEQ.ENTRY): " + text);
        }
    }

    /** True for {@link #NOW}. */
    public boolean isNow() {
        return seq == -1;
    }

    /** The position right after this one: the next event, or the next entry of the same manifest. */
    public TailPosition next(boolean manifests) {
        return manifests ? new TailPosition(seq, entry + 1) : new TailPosition(seq + 1, 0);
    }

    @Override
    public String toString() {
        return isNow() ? "now" : equals(START) ? "start" : entry == 0 ? Long.toString(seq) : seq + "." + entry;
    }
}
