package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.crawl.BrickCrawler;
import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.HtimeIndex;
import io.gnotify.connectors.journal.HtimeTail;
import io.gnotify.connectors.journal.JournalFormatException;
import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.source.split.BrickCursor;
import io.gnotify.connectors.source.split.BrickSplit;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Follows one brick's journals from a {@link BrickCursor}: tails the HTIME index, reads each listed
 * journal from the cursor's byte offset, and turns every rollover (journal, empty window, or missing
 * journal) into a {@code ROLLOVER} element, so an idle brick's event time keeps moving. Moves on to a newer
 * HTIME file when journalling was re-enabled. A brick's event time never goes back: a rollover named at or
 * before the previous one (the clock stepped back) is stamped one second after it. Runs on the split
 * reader's fetcher thread; not thread-safe.
 */
final class BrickFollower {
    private final BrickSplit split;
    private final ProblemListener problems;
    private BrickChangelog changelog;
    private BrickCursor cursor;
    private HtimeTail tail;
    private JournalReader journal;
    /** The bytes of the journal being read, reused for the next one. */
    private byte[] journalBuffer;
    private long journalTs;
    private BrickCrawler crawler;
    private boolean crawled;
    /** Journalling restarted (a new HTIME file): the next rollover closes a gap. */
    private boolean restarted;
    /** A restored cursor whose event time is still to be handed back (see {@link BrickElement.Kind#RESUMED}). */
    private boolean resumePending;
    /** The journal being read carries a later time than its name (see {@link #stamp}). */
    private boolean restamped;
    /** The brick's clock is behind its last rollover; reported once per step. */
    private boolean clockBehind;

    BrickFollower(BrickSplit split, ProblemListener problems) {
        this.split = split;
        this.problems = problems;
        this.cursor = split.cursor();
        this.resumePending = cursor != null && cursor.lastRollover() != BrickCursor.NO_ROLLOVER;
    }

    /** The cursor after everything handed out so far. */
    BrickCursor cursor() {
        return cursor;
    }

    /**
     * Appends up to {@code max} elements to {@code out}. Returns {@code false} once a bounded brick has
     * reached its end (nothing will ever follow), {@code true} otherwise, even when nothing was new.
     */
    boolean poll(int max, List<BrickElement> out) throws IOException {
        if (resumePending) {
            resumePending = false;
            out.add(BrickElement.resumed(cursor));
            return true;
        }
        if (crawlPending() && !crawl(max, out)) {
            return true;
        }
        if (!open()) {
            return true;
        }
        int added = 0;
        while (added < max) {
            if (journal != null) {
                JournalRecord r = journal.next();
                if (r != null) {
                    cursor = at(cursor.htime(), cursor.entry(), journal.position(), cursor.lastRollover());
                    out.add(BrickElement.record(journalTs, r, cursor));
                    added++;
                    continue;
                }
                journal = null;
                completeRollover(journalTs, RolloverKind.JOURNAL, out);
                added++;
                continue;
            }
            if (cursor.atEnd()) {
                return false;
            }
            HtimeIndex.Entry e = nextEntry();
            if (e == null) {
                return true;
            }
            if (e.index() > cursor.entry()) {
                // Entries that were not journal paths (reported by the tail) are passed over.
                cursor = at(cursor.htime(), e.index(), 0, cursor.lastRollover());
                if (cursor.atEnd()) {
                    return false;
                }
            }
            JournalRef ref = changelog.resolve(e, tail.file(), e.index(), problems);
            if (ref.kind() == JournalRef.Kind.JOURNAL && openJournal(ref)) {
                continue;
            }
            completeRollover(stamp(e.timestamp(), ref.file().toString()),
                    ref.kind() == JournalRef.Kind.EMPTY ? RolloverKind.EMPTY : RolloverKind.GAP, out);
            added++;
        }
        return true;
    }

    /** A fresh split that bootstraps: its backend is crawled before its journals are read. */
    private boolean crawlPending() {
        return cursor == null && !crawled && split.start().kind() == StartPosition.Kind.CRAWL;
    }

    /**
     * Hands out up to {@code max} crawl records, stamped with the crawl second; true once the crawl is complete
     * (its end is a CRAWL rollover). The cursor stays unset meanwhile, so a restore crawls again from the start.
     */
    private boolean crawl(int max, List<BrickElement> out) throws IOException {
        if (crawler == null) {
            crawler = new BrickCrawler(Paths.get(split.localPath()), problems);
        }
        long second = split.start().crawlSecond();
        for (int added = 0; added < max; added++) {
            JournalRecord r = crawler.next();
            if (r == null) {
                out.add(BrickElement.rollover(second, RolloverKind.CRAWL, null));
                crawled = true;
                crawler = null;
                return true;
            }
            out.add(BrickElement.record(second, r, null));
        }
        return false;
    }

    /** Opens the changelog directory and resolves the start position on first use; false if not there yet. */
    private boolean open() throws IOException {
        if (changelog != null) {
            return true;
        }
        Path dir = Paths.get(split.localPath());
        try {
            changelog = BrickChangelog.of(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
        List<Path> htimes = changelog.htimeFiles();
        if (htimes.isEmpty()) {
            changelog = null;
            return false;
        }
        if (cursor == null) {
            cursor = resolveStart(htimes);
        } else if (cursor.bounded() != split.bounded()) {
            cursor = inThisMode(cursor, htimes);
        }
        Path htime = changelog.directory().resolve("htime").resolve("HTIME." + cursor.htime());
        if (!java.nio.file.Files.exists(htime)) {
            htime = replacement(htime, htimes);
        }
        tail = HtimeTail.open(htime, cursor.entry(), problems);
        return true;
    }

    /**
     * The HTIME file to follow when the cursor's is gone (the changelog directory was replaced, or the volume
     * re-created under the same brick path): the first one that started after it, else the newest, from its
     * start. Reported, and the next rollover is marked as a gap, since what the lost index listed after the
     * cursor cannot be read.
     */
    private Path replacement(Path gone, List<Path> htimes) throws IOException {
        Path next = htimes.get(htimes.size() - 1);
        for (Path h : htimes) {
            if (BrickChangelog.htimeStart(h) > cursor.htime()) {
                next = h;
                break;
            }
        }
        problems.onProblem(new JournalProblem(JournalProblem.Kind.HTIME_RESTART, gone.toString(), 0, 0,
                "the HTIME file of the checkpointed cursor (entry " + cursor.entry() + ") is gone; following "
                        + next.getFileName() + " from its start"));
        cursor = at(BrickChangelog.htimeStart(next), 0, 0, cursor.lastRollover());
        restarted = true;
        return next;
    }

    /**
     * A restored cursor of the other mode: a continuous run's cursor gets the end a bounded run sets (the complete
     * entries of the newest HTIME file now), a bounded run's loses its end.
     */
    private BrickCursor inThisMode(BrickCursor restored, List<Path> htimes) throws IOException {
        if (!split.bounded()) {
            return restored.withEnd(restored.htime(), BrickCursor.UNBOUNDED);
        }
        Path last = htimes.get(htimes.size() - 1);
        return restored.withEnd(BrickChangelog.htimeStart(last), completeEntries(last));
    }

    /** The entries of HTIME file {@code htime} whose journals are complete (a torn last entry is not). */
    private int completeEntries(Path htime) throws IOException {
        return HtimeTail.open(htime, 0, problems).completeEntries();
    }

    private BrickCursor resolveStart(List<Path> htimes) throws IOException {
        StartPosition start = split.start();
        Path first = htimes.get(0);
        Path last = htimes.get(htimes.size() - 1);
        long endHtime = BrickChangelog.htimeStart(last);
        int endEntry = split.bounded() ? completeEntries(last) : BrickCursor.UNBOUNDED;
        switch (start.kind()) {
            case LATEST:
                return new BrickCursor(endHtime, split.bounded() ? endEntry : completeEntries(last), 0,
                        BrickCursor.NO_ROLLOVER, endHtime, endEntry);
            case TIMESTAMP:
            case CRAWL:
                for (Path h : htimes) {
                    HtimeTail t = HtimeTail.open(h, 0, ProblemListener.IGNORE);
                    for (HtimeIndex.Entry e = t.peek(); e != null; t.advance(), e = t.peek()) {
                        if (e.timestamp() > start.epochSecond()) {
                            return new BrickCursor(BrickChangelog.htimeStart(h), e.index(), 0, BrickCursor.NO_ROLLOVER,
                                    endHtime, endEntry);
                        }
                    }
                }
                return new BrickCursor(endHtime, split.bounded() ? endEntry : completeEntries(last), 0,
                        BrickCursor.NO_ROLLOVER, endHtime, endEntry);
            default:
                return new BrickCursor(BrickChangelog.htimeStart(first), 0, 0, BrickCursor.NO_ROLLOVER, endHtime, endEntry);
        }
    }

    /** The entry at the cursor, switching to the next HTIME file when this one is finished. */
    private HtimeIndex.Entry nextEntry() throws IOException {
        HtimeIndex.Entry e = tail.peek();
        if (e != null) {
            return e;
        }
        for (Path h : changelog.htimeFiles()) {
            long ts0 = BrickChangelog.htimeStart(h);
            if (ts0 > cursor.htime()) {
                problems.onProblem(new JournalProblem(JournalProblem.Kind.HTIME_RESTART, h.toString(), 0, 0,
                        "journalling was re-enabled: HTIME." + cursor.htime() + " ended at entry " + cursor.entry()
                                + " and " + h.getFileName() + " starts; nothing was journalled in between"));
                cursor = at(ts0, 0, 0, cursor.lastRollover());
                tail = HtimeTail.open(h, 0, problems);
                restarted = true;
                return tail.peek();
            }
        }
        return null;
    }

    private boolean openJournal(JournalRef ref) throws IOException {
        try {
            journal = JournalReader.open(ref.file(), problems, journalBuffer);
            journalBuffer = journal.buffer();
        } catch (JournalFormatException e) {
            // A journal whose header cannot be read is skipped whole.
            JournalProblem p = e.problem();
            problems.onProblem(new JournalProblem(p.kind(), p.file(), p.offset(), java.nio.file.Files.size(ref.file()),
                    p.detail() + "; the whole journal is skipped"));
            return false;
        } catch (java.nio.file.NoSuchFileException e) {
            problems.onProblem(new JournalProblem(JournalProblem.Kind.MISSING_JOURNAL, ref.file().toString(), 0, 0,
                    "vanished before it could be read"));
            return false;
        }
        journalTs = stamp(ref.timestamp(), ref.file().toString());
        if (cursor.offset() > 0) {
            journal.seek(cursor.offset());
        }
        return true;
    }

    private void completeRollover(long ts, RolloverKind how, List<BrickElement> out) {
        tail.advance();
        cursor = at(cursor.htime(), cursor.entry() + 1, 0, Math.max(ts, cursor.lastRollover()));
        out.add(BrickElement.rollover(ts, restarted ? RolloverKind.GAP : restamped ? RolloverKind.CLOCK_STEP : how, cursor));
        restarted = false;
        restamped = false;
    }

    /**
     * The time a rollover named {@code named} is handed out with: its name, unless that is not after the
     * brick's last rollover (the brick's clock stepped back), then one second after the last rollover, so the
     * brick's records never fall behind an event time it already passed (they would be dropped as late) and
     * its rollovers stay distinct. Depends only on the cursor, so a restore stamps exactly as before. The first
     * such rollover of a step is reported.
     */
    private long stamp(long named, String file) throws JournalFormatException {
        long last = cursor.lastRollover();
        if (last == BrickCursor.NO_ROLLOVER || named > last) {
            clockBehind = false;
            return named;
        }
        if (!clockBehind && named < last) {
            clockBehind = true;
            problems.onProblem(new JournalProblem(JournalProblem.Kind.CLOCK_STEP, file, 0, 0,
                    "named " + named + ", " + (last - named) + " s before the brick's previous rollover " + last
                            + ": the brick's clock stepped back; its rollovers are stamped one second after the "
                            + "previous until the clock catches up"));
        }
        restamped = true;
        return last + 1;
    }

    private BrickCursor at(long htime, int entry, long offset, long lastRollover) {
        return new BrickCursor(htime, entry, offset, lastRollover, cursor.endHtime(), cursor.endEntry());
    }
}
