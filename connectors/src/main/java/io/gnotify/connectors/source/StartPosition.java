package io.gnotify.connectors.source;

import java.io.Serializable;

/**
 * Where a brick is read from on a fresh start (never on restore): its oldest journal, only what rolls
 * over from now on, the first journal whose window ends after an epoch second, or a crawl of the brick's
 * backend at {@code T0} followed by the journals after {@code T0} (the bootstrap of a volume that already
 * holds data; {@code T0} is fixed when the job first starts).
 */
public final class StartPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ways to start. */
    public enum Kind { EARLIEST, LATEST, TIMESTAMP, CRAWL }

    private final Kind kind;
    private final long epochSecond;

    private StartPosition(Kind kind, long epochSecond) {
        this.kind = kind;
        this.epochSecond = epochSecond;
    }

    public static StartPosition earliest() {
        return new StartPosition(Kind.EARLIEST, 0);
    }

    public static StartPosition latest() {
        return new StartPosition(Kind.LATEST, 0);
    }

    /** The first journal named after {@code epochSecond} (its window ends after it). */
    public static StartPosition after(long epochSecond) {
        return new StartPosition(Kind.TIMESTAMP, epochSecond);
    }

    /** Crawl the backend first; {@code T0} is set by {@link #resolve(long)} when the job first starts. */
    public static StartPosition crawl() {
        return new StartPosition(Kind.CRAWL, 0);
    }

    /** Crawl the backend at {@code t0}, then read the journals named after {@code t0}. */
    public static StartPosition crawlAt(long t0) {
        return new StartPosition(Kind.CRAWL, t0);
    }

    /** This position with an unset crawl time set to {@code nowSeconds}. */
    public StartPosition resolve(long nowSeconds) {
        return kind == Kind.CRAWL && epochSecond == 0 ? crawlAt(nowSeconds) : this;
    }

    /** The journal-time second the crawl's records are stamped with: just before the journals it hands over to. */
    public long crawlSecond() {
        return epochSecond - 1;
    }

    /** Parses {@code earliest}, {@code latest} or an epoch second. */
    public static StartPosition parse(String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "earliest":
                return earliest();
            case "latest":
                return latest();
            default:
                try {
                    return after(Long.parseLong(text.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("start position must be earliest, latest or an epoch second: " + text);
                }
        }
    }

    public Kind kind() {
        return kind;
    }

    public long epochSecond() {
        return epochSecond;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StartPosition && ((StartPosition) o).kind == kind && ((StartPosition) o).epochSecond == epochSecond;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Long.hashCode(epochSecond);
    }

    @Override
    public String toString() {
        if (kind == Kind.CRAWL) {
            return epochSecond == 0 ? "crawl" : "crawl at " + epochSecond;
        }
        return kind == Kind.TIMESTAMP ? Long.toString(epochSecond) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
