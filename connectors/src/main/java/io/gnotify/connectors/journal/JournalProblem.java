package io.gnotify.connectors.journal;

/**
 * Something wrong found while reading a brick's journals: what, in which file, at which byte offset, and
 * how many bytes were skipped because of it.
 */
public final class JournalProblem {
    private final Kind kind;
    private final String file;
    private final long offset;
    private final long skippedBytes;
    private final String detail;

    public JournalProblem(Kind kind, String file, long offset, long skippedBytes, String detail) {
        this.kind = kind;
        this.file = file;
        this.offset = offset;
        this.skippedBytes = skippedBytes;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public long skippedBytes() {
        return skippedBytes;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return kind + " in " + file + " at offset " + offset
                + (skippedBytes > 0 ? " (skipped " + skippedBytes + " bytes)" : "") + ": " + detail;
    }

    /** The typed causes; every one names a file and an offset. */
    public enum Kind {
        /** The header line is missing, malformed, or names an unsupported version or encoding. */
        BAD_HEADER,
        /** A record was cut off by the end of the file. */
        TORN_TAIL,
        /** Bytes that do not form a record (bad type byte, bad gfid, missing separator, bad number). */
        GARBAGE,
        /** An E record with a fop that has no entry layout, or any fop number GlusterFS 10.x lacks. */
        UNKNOWN_FOP,
        /** A name, path or number longer than any legal one. */
        RECORD_TOO_LONG,
        /**
         * A name that cannot be one directory entry ({@code /} in it, {@code .} or {@code ..}), or a captured
         * deleted path with a {@code .} or {@code ..} component: followed, it would lead out of its directory.
         */
        BAD_NAME,
        /** HTIME lists a journal that is not on disk (purged or lost): a gap in the brick's history. */
        MISSING_JOURNAL,
        /** An HTIME index that cannot be used as is (an entry that is no journal path, a shrunken file). */
        BAD_HTIME,
        /** A newer HTIME file started (journalling was disabled and re-enabled): nothing was logged between. */
        HTIME_RESTART,
        /** A brick backend entry the bootstrap crawl cannot use (no gfid, or a name that cannot be read exactly). */
        CRAWL_ENTRY,
        /**
         * A journal named before the brick's previous rollover: the brick's clock stepped back. Its records are
         * stamped just after that rollover instead, so none falls behind the volume's event time.
         */
        CLOCK_STEP
    }
}
