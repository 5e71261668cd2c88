package io.gnotify.connectors.source;

import java.io.Serializable;

/**
 * Where a brick is read from on a fresh start (never on restore): its oldest journal, only what rolls
 * over from now on, or the first journal whose window ends after an epoch second.
 */
public final class StartPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The three ways to start. */
    public enum Kind { EARLIEST, LATEST, TIMESTAMP }

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
        return kind == Kind.TIMESTAMP ? Long.toString(epochSecond) : kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
