package io.gnotify.connectors.event;

import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.source.RolloverKind;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One file-system operation on the volume, once: the record of its representative copy (the copy with
 * the smallest journal time, brick and offset), the bricks that logged it in that journal second, and its
 * place {@code seq} in the volume-level order (-1 until the sequencer assigns it). Rollover markers travel in
 * the same stream, in order after their brick's records of that second, without a seq.
 */
public final class VolumeEvent {
    /** The volume order: journal time, then brick, then offset in the journal. */
    public static final Comparator<VolumeEvent> ORDER = VolumeEvent::compareOrder;

    private final long seq;
    private final long journalTs;
    private final int brick;
    private final long offset;
    private final int[] bricks;
    private final JournalRecord record;
    private final RolloverKind rollover;

    public VolumeEvent(long seq, long journalTs, int brick, long offset, int[] bricks, JournalRecord record) {
        this.seq = seq;
        this.journalTs = journalTs;
        this.brick = brick;
        this.offset = offset;
        this.bricks = bricks.clone();
        this.record = Objects.requireNonNull(record, "record");
        this.rollover = null;
    }

    private VolumeEvent(long journalTs, int brick, RolloverKind rollover) {
        this.seq = -1;
        this.journalTs = journalTs;
        this.brick = brick;
        this.offset = rollover.sortOffset();
        this.bricks = new int[] {brick};
        this.record = null;
        this.rollover = rollover;
    }

    /** A rollover marker of {@code brick} (see {@link RolloverKind}); it carries no operation and no seq. */
    public static VolumeEvent rollover(long journalTs, int brick, RolloverKind how) {
        return new VolumeEvent(journalTs, brick, Objects.requireNonNull(how, "how"));
    }

    /** True for an operation, false for a rollover marker. */
    public boolean isOperation() {
        return rollover == null;
    }

    /** How the marked rollover ended; {@code null} for an operation. */
    public RolloverKind rollover() {
        return rollover;
    }

    /** Compares two events by (journal time, brick, offset). */
    public static int compareOrder(VolumeEvent a, VolumeEvent b) {
        int c = Long.compare(a.journalTs, b.journalTs);
        if (c == 0) {
            c = Integer.compare(a.brick, b.brick);
        }
        return c != 0 ? c : Long.compare(a.offset, b.offset);
    }

    /** Position in the volume order, from 1; -1 before sequencing. */
    public long seq() {
        return seq;
    }

    /** Journal time of the representative copy (epoch seconds). */
    public long journalTs() {
        return journalTs;
    }

    /** Brick of the representative copy. */
    public int brick() {
        return brick;
    }

    /** Byte offset of the representative copy in its journal. */
    public long offset() {
        return offset;
    }

    /** Bricks that logged this operation in the representative's journal second, ascending. */
    public int[] bricks() {
        return bricks.clone();
    }

    /** How many bricks {@link #bricks()} holds (without copying them). */
    public int brickCount() {
        return bricks.length;
    }

    /** The {@code i}-th of {@link #bricks()} (without copying them). */
    public int brickAt(int i) {
        return bricks[i];
    }

    /** The representative copy's record; {@code null} for a rollover marker. */
    public JournalRecord record() {
        return record;
    }

    public VolumeEvent withSeq(long newSeq) {
        if (!isOperation()) {
            throw new IllegalStateException("a rollover marker has no seq");
        }
        return new VolumeEvent(newSeq, journalTs, brick, offset, bricks, record);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VolumeEvent)) {
            return false;
        }
        VolumeEvent e = (VolumeEvent) o;
        return seq == e.seq && journalTs == e.journalTs && brick == e.brick && offset == e.offset
                && Arrays.equals(bricks, e.bricks) && Objects.equals(record, e.record) && rollover == e.rollover;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, journalTs, brick, offset, record, rollover);
    }

    @Override
    public String toString() {
        if (!isOperation()) {
            return journalTs + " b" + brick + " rollover " + rollover;
        }
        return "#" + seq + " " + journalTs + " b" + brick + "+" + offset + " " + Arrays.toString(bricks) + " " + record;
    }
}
