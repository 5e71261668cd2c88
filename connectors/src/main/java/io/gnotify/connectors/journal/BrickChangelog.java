package io.gnotify.connectors.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A brick's changelog directory ({@code <brick>/.glusterfs/changelogs}) and the rollovers it records.
 * Only journals that an HTIME index lists are ever returned, so the live {@code CHANGELOG} is never read
 * as a finished window. Without any HTIME file (a bare copy of journals) the rolled-over
 * {@code CHANGELOG.<ts>} files of both layouts are listed instead.
 */
public final class BrickChangelog {
    /** Where GlusterFS keeps the journals, relative to the brick root. */
    public static final String CHANGELOG_DIR = ".glusterfs/changelogs";
    private static final Pattern HTIME_NAME = Pattern.compile("HTIME\\.(\\d+)");
    private static final Pattern JOURNAL_NAME = Pattern.compile("CHANGELOG\\.(\\d{10})");

    private final Path dir;

    private BrickChangelog(Path dir) {
        this.dir = dir;
    }

    /** The changelog directory of a brick root, or {@code path} itself if it already is one. */
    public static BrickChangelog of(Path path) throws IOException {
        Path nested = path.resolve(CHANGELOG_DIR);
        if (Files.isDirectory(nested)) {
            return new BrickChangelog(nested);
        }
        if (Files.isDirectory(path.resolve("htime")) || Files.exists(path.resolve("CHANGELOG"))) {
            return new BrickChangelog(path);
        }
        throw new NoSuchFileException(path.toString(), null,
                "neither a brick root with " + CHANGELOG_DIR + " nor a changelog directory");
    }

    /** The changelog directory. */
    public Path directory() {
        return dir;
    }

    /** The HTIME files, oldest first (each starts when journalling was (re-)enabled). */
    public List<Path> htimeFiles() throws IOException {
        Path htime = dir.resolve("htime");
        if (!Files.isDirectory(htime)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(htime)) {
            return s.filter(p -> HTIME_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(BrickChangelog::htimeStart))
                    .collect(Collectors.toList());
        }
    }

    /**
     * Every rollover in order: the entries of all HTIME files, oldest file first, each re-based onto this
     * directory. An upper-case entry with no file is returned as {@link JournalRef.Kind#MISSING} and
     * reported as {@code MISSING_JOURNAL}; it is never skipped silently.
     */
    public List<JournalRef> rollovers(ProblemListener problems) throws IOException {
        List<Path> htimes = htimeFiles();
        if (htimes.isEmpty()) {
            return listedJournals();
        }
        List<JournalRef> refs = new ArrayList<>();
        for (Path htime : htimes) {
            byte[] bytes = Files.readAllBytes(htime);
            int complete = HtimeIndex.completeLength(bytes, bytes.length);
            int index = 0;
            for (HtimeIndex.Entry e : HtimeIndex.parse(bytes, complete, htime, problems)) {
                refs.add(resolve(e, htime, index++, problems));
            }
        }
        return refs;
    }

    /** Turns one HTIME entry into a reference to the file here, checking that an upper-case one exists. */
    public JournalRef resolve(HtimeIndex.Entry e, Path htime, int index, ProblemListener problems)
            throws JournalFormatException {
        Path file = dir.resolve(e.relative());
        String htimeName = htime.getFileName().toString();
        if (e.empty()) {
            return new JournalRef(JournalRef.Kind.EMPTY, e.timestamp(), file, htimeName, index);
        }
        if (Files.isRegularFile(file)) {
            return new JournalRef(JournalRef.Kind.JOURNAL, e.timestamp(), file, htimeName, index);
        }
        problems.onProblem(new JournalProblem(JournalProblem.Kind.MISSING_JOURNAL, file.toString(), 0, 0,
                "listed by " + htime + " (entry " + index + " at offset " + e.offset()
                        + ") but not on disk: the brick's history has a gap at " + e.timestamp()));
        return new JournalRef(JournalRef.Kind.MISSING, e.timestamp(), file, htimeName, index);
    }

    /** Rolled-over journals found by listing both layouts, for directories without HTIME. */
    private List<JournalRef> listedJournals() throws IOException {
        try (Stream<Path> s = Files.walk(dir, 4)) {
            List<Path> files = s.filter(p -> JOURNAL_NAME.matcher(p.getFileName().toString()).matches())
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparingLong(BrickChangelog::journalTimestamp))
                    .collect(Collectors.toList());
            List<JournalRef> refs = new ArrayList<>(files.size());
            for (int i = 0; i < files.size(); i++) {
                refs.add(new JournalRef(JournalRef.Kind.JOURNAL, journalTimestamp(files.get(i)), files.get(i), null, i));
            }
            return refs;
        }
    }

    /** The {@code <ts0>} of an {@code HTIME.<ts0>} file. */
    public static long htimeStart(Path htime) {
        Matcher m = HTIME_NAME.matcher(htime.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    private static long journalTimestamp(Path journal) {
        Matcher m = JOURNAL_NAME.matcher(journal.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }
}
