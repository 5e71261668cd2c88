package io.gnotify.connectors.source.split;

import java.io.Serializable;

/**
 * Exactly where a brick's reading stands: the HTIME file ({@code HTIME.<htime>}), the index of the entry
 * being read (or next to read), the byte offset inside that entry's journal after the last emitted record
 * (0 = not started), and the last rollover fully read. Bounded reads also carry where they end.
 */
public record BrickCursor(long htime, int entry, long offset, long lastRollover, long endHtime, int endEntry)
        implements Serializable {
    /** No rollover read yet. */
    public static final long NO_ROLLOVER = Long.MIN_VALUE;
    /** Marks an unbounded cursor. */
    public static final int UNBOUNDED = -1;

    /** True if reading stops at ({@link #endHtime}, {@link #endEntry}). */
    public boolean bounded() {
        return endEntry != UNBOUNDED;
    }

    /** The same position with another end ({@link #UNBOUNDED} as {@code newEndEntry}: none). */
    public BrickCursor withEnd(long newEndHtime, int newEndEntry) {
        return new BrickCursor(htime, entry, offset, lastRollover, newEndHtime, newEndEntry);
    }

    /** True if this cursor has reached its bounded end. */
    public boolean atEnd() {
        return bounded() && (htime > endHtime || (htime == endHtime && entry >= endEntry));
    }
}
