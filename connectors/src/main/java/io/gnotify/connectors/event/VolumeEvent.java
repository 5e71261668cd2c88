package io.gnotify.connectors.event;

import io.gnotify.connectors.journal.JournalRecord;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

/**
 * One file-system operation on the volume, once: the record of its representative copy (the copy with
 * the smallest journal time, brick and offset), the bricks that logged it in that journal second, and its
 * place {@code seq} in the volume-level order (-1 until the sequencer assigns it).
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

    public VolumeEvent(long seq, long journalTs, int brick, long offset, int[] bricks, JournalRecord record) {
        this.seq = seq;
        this.journalTs = journalTs;
        this.brick = brick;
        this.offset = offset;
        this.bricks = bricks.clone();
        this.record = Objects.requireNonNull(record, "record");
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

    public JournalRecord record() {
        return record;
    }

    public VolumeEvent withSeq(long newSeq) {
        return new VolumeEvent(newSeq, journalTs, brick, offset, bricks, record);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VolumeEvent)) {
            return false;
        }
        VolumeEvent e = (VolumeEvent) o;
        return seq == e.seq && journalTs == e.journalTs && brick == e.brick && offset == e.offset
                && Arrays.equals(bricks, e.bricks) && record.equals(e.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, journalTs, brick, offset, record);
    }

    @Override
    public String toString() {
        return "#" + seq + " " + journalTs + " b" + brick + "+" + offset + " " + Arrays.toString(bricks) + " " + record;
    }
}
