package io.gnotify.connectors.journal.synthetic;

import io.gnotify.connectors.journal.JournalRecord;

/** Sees every record a synthetic brick journal receives, in the order it is written. */
@FunctionalInterface
public interface RecordListener {
    /** No-op listener. */
    RecordListener NONE = (brick, journalTs, record) -> {};

    /** {@code record} was written to brick {@code brick} (0-based) in journal {@code CHANGELOG.<journalTs>}. */
    void onRecord(int brick, long journalTs, JournalRecord record);
}
