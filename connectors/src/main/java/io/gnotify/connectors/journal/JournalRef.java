package io.gnotify.connectors.journal;

import java.nio.file.Path;
import java.util.Objects;

/** One rollover of a brick as its HTIME index lists it: a journal on disk, an empty window, or a gap. */
public final class JournalRef {
    /** What the rollover left behind. */
    public enum Kind {
        /** An upper-case {@code CHANGELOG.<ts>} entry whose file exists. */
        JOURNAL,
        /** A lower-case {@code changelog.<ts>} entry: an empty window, no file. */
        EMPTY,
        /** An upper-case entry whose file is gone (purged or lost): a gap in the brick's history. */
        MISSING
    }

    private final Kind kind;
    private final long timestamp;
    private final Path file;
    private final String htime;
    private final int index;

    public JournalRef(Kind kind, long timestamp, Path file, String htime, int index) {
        this.kind = kind;
        this.timestamp = timestamp;
        this.file = file;
        this.htime = htime;
        this.index = index;
    }

    public Kind kind() {
        return kind;
    }

    /** The rollover time in epoch seconds: the end of the window this journal covers. */
    public long timestamp() {
        return timestamp;
    }

    /** Where the journal is (or would be) on this machine, after re-basing. */
    public Path file() {
        return file;
    }

    /** Name of the HTIME file listing it ({@code HTIME.<ts0>}), or {@code null} for a directory listing. */
    public String htime() {
        return htime;
    }

    /** Position of the entry in its HTIME file (0-based). */
    public int index() {
        return index;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof JournalRef)) {
            return false;
        }
        JournalRef r = (JournalRef) o;
        return kind == r.kind && timestamp == r.timestamp && file.equals(r.file) && Objects.equals(htime, r.htime)
                && index == r.index;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestamp, file, htime, index);
    }

    @Override
    public String toString() {
        return kind + " " + timestamp + " " + file;
    }
}
