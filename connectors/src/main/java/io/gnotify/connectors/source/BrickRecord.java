package io.gnotify.connectors.source;

import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordIdentity;
import java.util.Objects;

/**
 * A journal record as the source emits it: which brick logged it, in which journal (its rollover
 * timestamp, the record's event time) and at which byte offset. (brick, journal, offset) is unique and
 * orders a brick's records exactly as the brick wrote them. A rollover marker (no record) tells the
 * stages downstream that a brick finished a rollover, or went down, so manifests can state each brick's part.
 */
public final class BrickRecord {
    private final int brick;
    private final int subvolume;
    private final long journalTs;
    private final long offset;
    private final JournalRecord record;
    private final long identityHi;
    private final long identityLo;
    private final RolloverKind rollover;

    /** A record with its content identity computed here. */
    public BrickRecord(int brick, int subvolume, long journalTs, long offset, JournalRecord record) {
        this(brick, subvolume, journalTs, offset, record, RecordIdentity.of(record));
    }

    private BrickRecord(int brick, int subvolume, long journalTs, long offset, JournalRecord record, long[] identity) {
        this(brick, subvolume, journalTs, offset, record, identity[0], identity[1]);
    }

    /** A record whose identity is already known (deserialization). */
    public BrickRecord(int brick, int subvolume, long journalTs, long offset, JournalRecord record, long identityHi,
            long identityLo) {
        this.brick = brick;
        this.subvolume = subvolume;
        this.journalTs = journalTs;
        this.offset = offset;
        this.record = Objects.requireNonNull(record, "record");
        this.identityHi = identityHi;
        this.identityLo = identityLo;
        this.rollover = null;
    }

    private BrickRecord(int brick, int subvolume, long journalTs, RolloverKind rollover) {
        this.brick = brick;
        this.subvolume = subvolume;
        this.journalTs = journalTs;
        this.offset = rollover.sortOffset();
        this.record = null;
        this.identityHi = MARKER_IDENTITY;
        this.identityLo = brick;
        this.rollover = rollover;
    }

    /** Identity (high half) of every rollover marker; the low half is the brick, so bricks spread over subtasks. */
    public static final long MARKER_IDENTITY = 0x676e6f7469667921L;

    /** A marker: {@code brick} finished the rollover at {@code journalTs} this way (or went down after it). */
    public static BrickRecord rollover(int brick, int subvolume, long journalTs, RolloverKind how) {
        return new BrickRecord(brick, subvolume, journalTs, Objects.requireNonNull(how, "how"));
    }

    /** True for a rollover marker, which has no record. */
    public boolean isRollover() {
        return rollover != null;
    }

    /** How the rollover ended, for a marker; {@code null} for a record. */
    public RolloverKind rollover() {
        return rollover;
    }

    /** High half of the record's content identity ({@link RecordIdentity}). */
    public long identityHi() {
        return identityHi;
    }

    /** Low half of the record's content identity. */
    public long identityLo() {
        return identityLo;
    }

    /** Index of the brick in volume-info order. */
    public int brick() {
        return brick;
    }

    public int subvolume() {
        return subvolume;
    }

    /** The journal's rollover time, epoch seconds. */
    public long journalTs() {
        return journalTs;
    }

    /** Byte offset of the record in its journal. */
    public long offset() {
        return offset;
    }

    /** The journal record; {@code null} for a rollover marker. */
    public JournalRecord record() {
        return record;
    }

    /** Event time in milliseconds: records of journal {@code CHANGELOG.<ts>} are stamped {@code ts * 1000}. */
    public long eventTimeMillis() {
        return journalTs * 1000;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BrickRecord)) {
            return false;
        }
        BrickRecord r = (BrickRecord) o;
        return brick == r.brick && subvolume == r.subvolume && journalTs == r.journalTs && offset == r.offset
                && Objects.equals(record, r.record) && rollover == r.rollover;
    }

    @Override
    public int hashCode() {
        return Objects.hash(brick, journalTs, offset, record, rollover);
    }

    @Override
    public String toString() {
        return "b" + brick + "@" + journalTs + (isRollover() ? " rollover " + rollover : "+" + offset + " " + record);
    }
}
