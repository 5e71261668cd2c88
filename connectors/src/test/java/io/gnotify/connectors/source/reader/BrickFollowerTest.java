package io.gnotify.connectors.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.source.split.BrickCursor;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.volume.Brick;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-brick cursor machine on real fixture bricks, without Flink. */
class BrickFollowerTest {
    static final Brick B1 = new Brick(0, 0, "vm", "/srv/gl/dr22/b1", false);

    static BrickSplit split(Path brick, StartPosition start, boolean bounded) {
        return new BrickSplit(B1, brick.toString(), start, bounded, null);
    }

    /** Everything a follower produces until it reports the end (bounded) or runs dry (continuous). */
    static List<BrickElement> drain(BrickFollower f, int max) throws Exception {
        List<BrickElement> out = new ArrayList<>();
        while (true) {
            int before = out.size();
            boolean more = f.poll(max, out);
            if (!more || out.size() == before) {
                return out;
            }
        }
    }

    /** A copy of the single-tiny brick whose HTIME file holds only its first entries; {@code all} is the whole file. */
    record GrowingBrick(Path brick, Path htime, byte[] all, int entryLength) {
        static GrowingBrick of(Path tmp, int firstEntries) throws Exception {
            Path brick = tmp.resolve("b1");
            Fixtures.copyBrick("single-tiny", "b1", brick);
            Path htime = BrickChangelog.of(brick).htimeFiles().get(0);
            byte[] all = Files.readAllBytes(htime);
            int entryLength = Fixtures.indexOf(all, (byte) 0) + 1;
            Files.write(htime, Arrays.copyOf(all, entryLength * firstEntries));
            return new GrowingBrick(brick, htime, all, entryLength);
        }
    }

    static List<JournalRecord> records(List<BrickElement> elements) {
        return elements.stream().filter(e -> e.kind() == BrickElement.Kind.RECORD).map(BrickElement::record).toList();
    }

    static List<JournalRecord> expectedRecords(String fixture, String brick) throws Exception {
        List<JournalRecord> all = new ArrayList<>();
        for (Path j : Fixtures.journals(fixture, brick)) {
            all.addAll(Fixtures.readStrict(j));
        }
        return all;
    }

    @Test
    void readsEveryRecordInJournalOrderAndOneRolloverPerHtimeEntry() throws Exception {
        Path brick = Fixtures.brick("dr22-ascii", "b1");
        List<BrickElement> out = drain(new BrickFollower(split(brick, StartPosition.earliest(), true), ProblemListener.STRICT), 1000);

        assertThat(records(out)).containsExactlyElementsOf(expectedRecords("dr22-ascii", "b1"));
        List<JournalRef> rollovers = BrickChangelog.of(brick).rollovers(ProblemListener.STRICT);
        assertThat(out.stream().filter(e -> e.kind() == BrickElement.Kind.ROLLOVER).map(BrickElement::journalTs).toList())
                .containsExactlyElementsOf(rollovers.stream().map(JournalRef::timestamp).toList());
        BrickCursor end = out.get(out.size() - 1).cursorAfter();
        assertThat(end.atEnd()).isTrue();
        assertThat(end.lastRollover()).isEqualTo(rollovers.get(rollovers.size() - 1).timestamp());
        // Records carry their journal's timestamp.
        for (BrickElement e : out) {
            if (e.kind() == BrickElement.Kind.RECORD) {
                assertThat(e.cursorAfter().offset()).isEqualTo(e.record().offset() + e.record().length());
            }
        }
    }

    /** Stopping after any element and resuming from its cursor yields exactly the rest: nothing lost or repeated. */
    @Test
    void resumingFromAnyCursorContinuesAtExactlyTheNextRecord() throws Exception {
        Path brick = Fixtures.brick("rep2-ascii", "b2");
        BrickSplit fresh = split(brick, StartPosition.earliest(), true);
        List<BrickElement> full = drain(new BrickFollower(fresh, ProblemListener.STRICT), 10_000);
        for (int cut = 0; cut < full.size(); cut += 37) {
            BrickCursor at = full.get(cut).cursorAfter();
            List<BrickElement> rest = new java.util.ArrayList<>(drain(new BrickFollower(fresh.withCursor(at), ProblemListener.STRICT), 50));
            if (at.lastRollover() != BrickCursor.NO_ROLLOVER) {
                // First the restored event time, so the brick's watermark is back before anything new is read.
                assertThat(rest.remove(0)).isEqualTo(BrickElement.resumed(at));
            }
            assertThat(rest).as("resume after element %d", cut).containsExactlyElementsOf(full.subList(cut + 1, full.size()));
        }
    }

    /**
     * A cursor checkpointed by a continuous run, restored into a bounded run, ends where a bounded run would (and
     * the reverse): the bounded run finishes with exactly the rest, and the continuous one keeps following.
     */
    @Test
    void aRestoredCursorTakesTheModeOfTheRunThatResumesIt(@TempDir Path tmp) throws Exception {
        GrowingBrick g = GrowingBrick.of(tmp, 4);
        Path brick = g.brick();
        int entries = g.all().length / g.entryLength();
        BrickSplit continuous = split(brick, StartPosition.earliest(), false);
        List<BrickElement> first = drain(new BrickFollower(continuous, ProblemListener.STRICT), 1000);
        BrickCursor checkpointed = first.get(first.size() - 1).cursorAfter();
        assertThat(checkpointed.bounded()).isFalse();

        // More journals roll over while nothing runs; then a bounded run resumes the continuous run's cursor.
        Files.write(g.htime(), g.all());
        BrickFollower bounded = new BrickFollower(continuous.withCursor(checkpointed).inMode(true), ProblemListener.STRICT);
        List<BrickElement> rest = new ArrayList<>();
        int polls = 0;
        while (bounded.poll(1000, rest)) {
            assertThat(++polls).as("the bounded run ends").isLessThan(100);
        }
        assertThat(rest.remove(0)).isEqualTo(BrickElement.resumed(checkpointed));
        assertThat(rest).filteredOn(e -> e.kind() == BrickElement.Kind.ROLLOVER).hasSize(entries - 4);
        List<BrickElement> whole = new ArrayList<>(first);
        whole.addAll(rest);
        assertThat(records(whole)).containsExactlyElementsOf(expectedRecords("single-tiny", "b1"));
        BrickCursor end = rest.get(rest.size() - 1).cursorAfter();
        assertThat(end.atEnd()).isTrue();

        // A continuous run resuming the bounded run's final cursor is not at an end: it waits for what comes next.
        BrickSplit fromBounded = continuous.inMode(true).withCursor(end).inMode(false);
        assertThat(fromBounded.bounded()).isFalse();
        BrickFollower again = new BrickFollower(fromBounded, ProblemListener.STRICT);
        List<BrickElement> none = new ArrayList<>();
        assertThat(again.poll(1000, none)).isTrue();
        assertThat(again.poll(1000, none)).isTrue();
        assertThat(none).containsExactly(BrickElement.resumed(end));
    }

    @Test
    void startPositionsLatestAndTimestamp() throws Exception {
        Path brick = Fixtures.brick("single-tiny", "b1");
        List<BrickElement> latest = drain(new BrickFollower(split(brick, StartPosition.latest(), false), ProblemListener.STRICT), 100);
        assertThat(latest).isEmpty();

        // The first journal whose window ends after 1795500272 is CHANGELOG.1795500273.
        List<BrickElement> after = drain(new BrickFollower(split(brick, StartPosition.after(1795500272L), true), ProblemListener.STRICT), 100);
        List<Path> journals = Fixtures.journals("single-tiny", "b1");
        List<JournalRecord> expected = new ArrayList<>();
        for (Path j : journals.subList(2, journals.size())) {
            expected.addAll(Fixtures.readStrict(j));
        }
        assertThat(records(after)).containsExactlyElementsOf(expected);
        assertThat(after.get(0).journalTs()).isEqualTo(1795500273L);
    }

    /** A live brick: HTIME grows one rollover at a time (with a torn entry in between) while we follow it. */
    @Test
    void followsABrickAsItRollsOver(@TempDir Path tmp) throws Exception {
        GrowingBrick g = GrowingBrick.of(tmp, 10);
        Path htime = g.htime();
        byte[] all = g.all();
        int entryLength = g.entryLength();

        BrickFollower f = new BrickFollower(split(g.brick(), StartPosition.earliest(), false), ProblemListener.STRICT);
        List<BrickElement> out = drain(f, 1000);
        assertThat(out).filteredOn(e -> e.kind() == BrickElement.Kind.ROLLOVER).hasSize(10);

        for (int n = 10; n < all.length / entryLength; n++) {
            int half = entryLength / 2;
            Files.write(htime, Arrays.copyOfRange(all, n * entryLength, n * entryLength + half), StandardOpenOption.APPEND);
            assertThat(drain(f, 1000)).as("a torn HTIME entry is not consumed").isEmpty();
            Files.write(htime, Arrays.copyOfRange(all, n * entryLength + half, (n + 1) * entryLength), StandardOpenOption.APPEND);
            List<BrickElement> next = drain(f, 1000);
            assertThat(next).last().satisfies(e -> assertThat(e.kind()).isEqualTo(BrickElement.Kind.ROLLOVER));
            out.addAll(next);
        }
        assertThat(records(out)).containsExactlyElementsOf(expectedRecords("single-tiny", "b1"));
    }

    @Test
    void aMissingJournalIsAReportedGapAndTimeMovesOn(@TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        List<Path> journals = Fixtures.journals("single-tiny", "b1");
        Path gone = Fixtures.copiedJournal("single-tiny", "b1", brick, 2);
        Files.delete(gone);
        List<JournalProblem> problems = new ArrayList<>();

        List<BrickElement> out = drain(new BrickFollower(split(brick, StartPosition.earliest(), true), problems::add), 1000);

        assertThat(problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.MISSING_JOURNAL);
        assertThat(problems.get(0).file()).isEqualTo(gone.toString());
        assertThat(out).filteredOn(e -> e.kind() == BrickElement.Kind.ROLLOVER).hasSize(97);
        List<JournalRecord> expected = new ArrayList<>();
        for (Path j : journals) {
            if (!j.equals(journals.get(2))) {
                expected.addAll(Fixtures.readStrict(j));
            }
        }
        assertThat(records(out)).containsExactlyElementsOf(expected);
    }

    /**
     * A brick whose clock was set back an hour names its journals in the past: reported once, and every
     * rollover from there on is stamped one second after the previous one, so the brick's event time never
     * goes back and none of its records falls behind it. Resuming at any cut stamps exactly the same.
     */
    @Test
    void aClockSteppedBackIsReportedAndItsRolloversStampedAfterThePreviousOne(@TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b2");
        Fixtures.copyBrick("rep2-ascii", "b2", brick);
        List<Long> named = BrickChangelog.of(brick).rollovers(ProblemListener.STRICT).stream().map(JournalRef::timestamp).toList();
        Path stepped = Fixtures.stepClockBack(brick, 40, 3600);
        List<JournalProblem> problems = new ArrayList<>();
        BrickSplit fresh = split(brick, StartPosition.earliest(), true);

        List<BrickElement> out = drain(new BrickFollower(fresh, problems::add), 1000);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.CLOCK_STEP);
            assertThat(p.file()).isEqualTo(stepped.toString());
            assertThat(p.detail()).contains("s before the brick's previous rollover " + named.get(39));
        });
        assertThat(records(out)).containsExactlyElementsOf(expectedRecords("rep2-ascii", "b2"));
        List<BrickElement> rollovers = out.stream().filter(e -> e.kind() == BrickElement.Kind.ROLLOVER).toList();
        assertThat(rollovers).hasSize(named.size());
        for (int i = 0; i < rollovers.size(); i++) {
            BrickElement r = rollovers.get(i);
            if (i < 40) {
                assertThat(r.journalTs()).isEqualTo(named.get(i));
                assertThat(r.rollover()).isNotEqualTo(RolloverKind.CLOCK_STEP);
            } else {
                assertThat(r.journalTs()).isEqualTo(named.get(39) + i - 39);
                assertThat(r.rollover()).isEqualTo(RolloverKind.CLOCK_STEP);
            }
        }
        // A record carries the stamp of the rollover that ends its journal.
        long ts = Long.MIN_VALUE;
        for (int i = out.size() - 1; i >= 0; i--) {
            BrickElement e = out.get(i);
            if (e.kind() == BrickElement.Kind.ROLLOVER) {
                ts = e.journalTs();
            } else {
                assertThat(e.journalTs()).isEqualTo(ts);
            }
        }
        for (int cut = 0; cut < out.size(); cut += 29) {
            BrickCursor at = out.get(cut).cursorAfter();
            List<BrickElement> rest = new ArrayList<>(drain(new BrickFollower(fresh.withCursor(at), ProblemListener.IGNORE), 50));
            if (at.lastRollover() != BrickCursor.NO_ROLLOVER) {
                rest.remove(0);
            }
            assertThat(rest).as("resume after element %d", cut).containsExactlyElementsOf(out.subList(cut + 1, out.size()));
        }
    }

    @Test
    void aNewHtimeAfterReenablingIsFollowedAndReported(@TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        Path changelogs = brick.resolve(".glusterfs/changelogs");
        List<JournalProblem> problems = new ArrayList<>();
        BrickFollower f = new BrickFollower(split(brick, StartPosition.earliest(), false), problems::add);
        drain(f, 1000);
        // Journalling off and on again: a new HTIME file listing one new journal.
        Path journal = changelogs.resolve("2026/11/24/CHANGELOG.1795509000");
        Files.copy(Fixtures.journals("single-tiny", "b1").get(0), journal);
        Files.write(changelogs.resolve("htime/HTIME.1795508990"),
                ("/srv/gl/tiny1/b1/.glusterfs/changelogs/2026/11/24/CHANGELOG.1795509000\0").getBytes());

        List<BrickElement> next = drain(f, 1000);

        assertThat(problems).extracting(JournalProblem::kind).containsExactly(JournalProblem.Kind.HTIME_RESTART);
        assertThat(records(next)).containsExactlyElementsOf(Fixtures.readStrict(journal));
        assertThat(next.get(next.size() - 1).cursorAfter()).satisfies(c -> {
            assertThat(c.htime()).isEqualTo(1795508990L);
            assertThat(c.entry()).isEqualTo(1);
            assertThat(c.lastRollover()).isEqualTo(1795509000L);
        });
    }

    @Test
    void aCheckpointedHtimeThatIsGoneIsReportedAndTheNextOneFollowed(@TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        Path changelogs = brick.resolve(".glusterfs/changelogs");
        List<BrickElement> first = drain(new BrickFollower(split(brick, StartPosition.earliest(), false),
                ProblemListener.STRICT), 1000);
        BrickCursor checkpointed = first.get(first.size() / 2).cursorAfter();
        // The volume is re-created under the same brick path: the old index is gone, a new one lists one journal.
        try (var htimes = Files.list(changelogs.resolve("htime"))) {
            for (Path h : htimes.toList()) {
                Files.delete(h);
            }
        }
        Path journal = changelogs.resolve("2026/11/24/CHANGELOG.1795509000");
        Files.copy(Fixtures.journals("single-tiny", "b1").get(0), journal);
        Files.write(changelogs.resolve("htime/HTIME.1795508990"),
                ("/srv/gl/tiny1/b1/.glusterfs/changelogs/2026/11/24/CHANGELOG.1795509000\0").getBytes());
        List<JournalProblem> problems = new ArrayList<>();
        BrickFollower restored = new BrickFollower(new BrickSplit(B1, brick.toString(), StartPosition.earliest(), false,
                checkpointed), problems::add);

        List<BrickElement> next = drain(restored, 1000);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(JournalProblem.Kind.HTIME_RESTART);
            assertThat(p.file()).endsWith("HTIME." + checkpointed.htime());
            assertThat(p.detail()).contains("is gone").contains("HTIME.1795508990");
        });
        assertThat(records(next)).containsExactlyElementsOf(Fixtures.readStrict(journal));
        assertThat(next.get(next.size() - 1).rollover()).isEqualTo(io.gnotify.connectors.source.RolloverKind.GAP);
        assertThat(next.get(next.size() - 1).cursorAfter().htime()).isEqualTo(1795508990L);
    }

    @Test
    void aBrickNotThereYetIsWaitedFor(@TempDir Path tmp) throws Exception {
        BrickFollower f = new BrickFollower(split(tmp.resolve("later"), StartPosition.earliest(), false), ProblemListener.STRICT);
        assertThat(drain(f, 100)).isEmpty();
        Fixtures.copyBrick("single-tiny", "b1", tmp.resolve("later"));
        assertThat(records(drain(f, 100))).hasSize(322);
    }

}
