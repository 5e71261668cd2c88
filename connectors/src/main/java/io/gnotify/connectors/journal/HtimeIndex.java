package io.gnotify.connectors.journal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one HTIME file: NUL-terminated absolute journal paths, one per rollover, in rollover order.
 * Entries are re-based onto the changelog directory where the brick is mounted here, by their layout
 * suffix ({@code YYYY/MM/DD/CHANGELOG.<ts>} or flat {@code CHANGELOG.<ts>}), so the brick path GlusterFS
 * recorded does not matter. A last entry without its NUL is still being written and is left for later.
 */
public final class HtimeIndex {
    private static final int TS_DIGITS = 10;

    private HtimeIndex() {}

    /** One parsed entry before its file is checked. */
    public static final class Entry {
        final boolean empty;
        final long timestamp;
        final String relative;
        final long offset;
        final int index;

        Entry(boolean empty, long timestamp, String relative, long offset, int index) {
            this.empty = empty;
            this.timestamp = timestamp;
            this.relative = relative;
            this.offset = offset;
            this.index = index;
        }

        /** True for a lower-case {@code changelog.<ts>} (empty window) entry. */
        public boolean empty() {
            return empty;
        }

        public long timestamp() {
            return timestamp;
        }

        /** Path relative to the changelog directory, e.g. {@code 2026/11/24/CHANGELOG.1795500256}. */
        public String relative() {
            return relative;
        }

        /** Byte offset of the entry in the HTIME file. */
        public long offset() {
            return offset;
        }

        /** Position of the entry in its HTIME file, counting every NUL-terminated entry (0-based). */
        public int index() {
            return index;
        }
    }

    /**
     * The complete entries of {@code bytes[0..limit)}; an entry that is not a journal path is reported as
     * {@code BAD_HTIME} and skipped.
     */
    public static List<Entry> parse(byte[] bytes, int limit, Path htimeFile, ProblemListener problems)
            throws JournalFormatException {
        List<Entry> entries = new ArrayList<>(limit / 64 + 1);
        parse(bytes, 0, limit, 0, 0, htimeFile, problems, entries);
        return entries;
    }

    /**
     * Parses the complete entries of {@code bytes[from..limit)}, which start at byte {@code fileOffset} of the
     * HTIME file with entry number {@code firstIndex}, into {@code out}; returns how many entries (valid or
     * not) were complete.
     */
    static int parse(byte[] bytes, int from, int limit, long fileOffset, int firstIndex, Path htimeFile,
            ProblemListener problems, List<Entry> out) throws JournalFormatException {
        int start = from;
        int index = firstIndex;
        for (int i = from; i < limit; i++) {
            if (bytes[i] != 0) {
                continue;
            }
            String path = new String(bytes, start, i - start, StandardCharsets.ISO_8859_1);
            long at = fileOffset + (start - from);
            Entry e = entry(path, at, index);
            if (e == null) {
                problems.onProblem(new JournalProblem(JournalProblem.Kind.BAD_HTIME, htimeFile.toString(), at,
                        i + 1 - start, "HTIME entry " + index + " is not a journal path: '" + path + "'"));
            } else {
                out.add(e);
            }
            index++;
            start = i + 1;
        }
        return index - firstIndex;
    }

    /** Number of complete entries in an HTIME file of this content (the file size, not the xattr count). */
    public static int completeLength(byte[] bytes, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (bytes[i] == 0) {
                return i + 1;
            }
        }
        return 0;
    }

    /** True if {@code path} has {@code /YYYY/MM/DD} at {@code at}. */
    private static boolean isDateDirs(String path, int at) {
        for (int i = 0; i < 11; i++) {
            char c = path.charAt(at + i);
            boolean slot = i == 0 || i == 5 || i == 8;
            if (slot ? c != '/' : (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static Entry entry(String path, long offset, int index) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        boolean upper = name.startsWith("CHANGELOG.");
        if (!upper && !name.startsWith("changelog.")) {
            return null;
        }
        String digits = name.substring("CHANGELOG.".length());
        if (digits.length() != TS_DIGITS || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long ts = Long.parseLong(digits);
        String relative = name;
        // Date layout (GlusterFS >= 8): .../YYYY/MM/DD/CHANGELOG.<ts>
        if (slash >= 11 && isDateDirs(path, slash - 11)) {
            relative = path.substring(slash - 10, slash) + "/" + name;
        }
        return new Entry(!upper, ts, relative, offset, index);
    }
}
