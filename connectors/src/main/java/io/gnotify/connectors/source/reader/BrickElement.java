package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.source.split.BrickCursor;

/**
 * What the split reader hands the emitter for one brick: a record, the end of a rollover (a journal read
 * to its end, an empty window, or a gap), or the signal that the brick is down and no longer waited for.
 * Each carries the cursor to store once it is emitted.
 */
public record BrickElement(Kind kind, long journalTs, JournalRecord record, RolloverKind rollover, BrickCursor cursorAfter) {

    /** The element kinds. */
    public enum Kind {
        /** A journal record. */
        RECORD,
        /** A rollover is fully read: the brick's event time reaches its timestamp. */
        ROLLOVER,
        /**
         * The brick is down and a live replica carries its subvolume (DOWN), or its whole subvolume is down past
         * the gap timeout (UNCOVERED): stop holding the watermark.
         */
        IDLE,
        /**
         * A split restored from a checkpoint: its event time is back at the cursor's last rollover. Flink does
         * not checkpoint watermarks, so without it a brick with nothing new to read would hold the volume's
         * watermark at its minimum and the windows it had already closed on would never close.
         */
        RESUMED
    }

    static BrickElement record(long journalTs, JournalRecord r, BrickCursor after) {
        return new BrickElement(Kind.RECORD, journalTs, r, null, after);
    }

    static BrickElement rollover(long journalTs, RolloverKind how, BrickCursor after) {
        return new BrickElement(Kind.ROLLOVER, journalTs, null, how, after);
    }

    static BrickElement resumed(BrickCursor at) {
        return new BrickElement(Kind.RESUMED, at.lastRollover(), null, null, at);
    }

    static BrickElement idle(BrickCursor at, RolloverKind why) {
        return new BrickElement(Kind.IDLE, 0, null, why, at);
    }
}
