package io.gnotify.connectors.source;

/**
 * How one of a brick's rollovers ended, as carried through the pipeline by rollover markers: a journal read
 * to its end, an empty window (HTIME entry without a file), a gap (the journal listed in HTIME is missing or
 * unreadable, or journalling restarted), the brick declared down while a replica carries it, or with its
 * whole subvolume past the gap timeout, the end of the brick's bootstrap crawl, or a rollover restamped
 * because the brick's clock stepped back.
 */
public enum RolloverKind {
    JOURNAL,
    EMPTY,
    GAP,
    DOWN,
    /** The brick's bootstrap crawl is complete (its records carry the crawl second). */
    CRAWL,
    /**
     * The brick is down and so is the rest of its subvolume, past the subvolume gap timeout: windows close
     * without it and mark it as a gap until its next rollover. (Appended: serializers store the ordinal.)
     */
    UNCOVERED,
    /**
     * A rollover named at or before the brick's previous one (its clock stepped back), stamped one second after
     * that one instead, with its records, until the brick's clock catches up.
     */
    CLOCK_STEP;

    /**
     * Seconds between two rollovers of one brick beyond which the brick was away rather than idle (GlusterFS
     * rolls over every {@code changelog.rollover-time}, 15 s by default, even when nothing changed).
     */
    public static final long LONGEST_PLAUSIBLE_INTERVAL = 120;

    /**
     * The offset a marker sorts at in the volume order: after every record of its brick and journal second,
     * a brick's DOWN or UNCOVERED after its rollover.
     */
    public long sortOffset() {
        return isAway() ? Long.MAX_VALUE : Long.MAX_VALUE - 1;
    }

    /** The brick stopped holding the volume watermark (DOWN or UNCOVERED) until its next rollover. */
    public boolean isAway() {
        return this == DOWN || this == UNCOVERED;
    }
}
