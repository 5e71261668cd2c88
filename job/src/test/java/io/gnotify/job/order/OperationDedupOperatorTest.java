package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.source.BrickRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The identity and release rules of the dedup operator, one case at a time. */
class OperationDedupOperatorTest {
    static final long T = 1_795_500_000L;
    static final long HORIZON = 60_000;
    /** A 2x2 volume: bricks 0 and 1 form subvolume 0, bricks 2 and 3 subvolume 1. */
    static final CopyExpectation EXPECT = CopyExpectation.of(new io.gnotify.connectors.volume.VolumeInfo("v", "id",
            "Distributed-Replicate", 2, 0, java.util.List.of(new io.gnotify.connectors.volume.Brick(0, 0, "h", "/b1", false),
                    new io.gnotify.connectors.volume.Brick(1, 0, "h", "/b2", false),
                    new io.gnotify.connectors.volume.Brick(2, 1, "h", "/b3", false),
                    new io.gnotify.connectors.volume.Brick(3, 1, "h", "/b4", false))));

    static final long GRACE = 3_600_000;

    /** The dedup with its copies on the first input and every brick's rollover markers on the second. */
    static final class Harness extends KeyedTwoInputStreamOperatorTestHarness<OperationId, BrickRecord, BrickRecord, VolumeEvent> {
        private Harness(OperationDedupOperator op, OperationKey k1, OperationKey k2, TypeInformation<OperationId> keyType,
                int maxParallelism, int parallelism, int subtask) throws Exception {
            super(op, k1, k2, keyType, maxParallelism, parallelism, subtask);
        }

        /** A dedup subtask {@code subtask} of {@code parallelism} (max parallelism 8), not opened yet. */
        static Harness of(int parallelism, int subtask) throws Exception {
            return new Harness(new OperationDedupOperator(HORIZON, EXPECT, GRACE), new OperationKey(), new OperationKey(),
                    OperationKey.TYPE, 8, parallelism, subtask);
        }

        void processWatermark(long wm) throws Exception {
            processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(wm));
        }
    }

    static Harness harness() throws Exception {
        var h = Harness.of(1, 0);
        h.open();
        return h;
    }

    static JournalRecord rename(String from, String to) {
        return JournalRecord.builder(RecordType.ENTRY, 7, 7).fop(Fop.RENAME).entry(0, 1, bytes(from)).newEntry(0, 1, bytes(to)).build();
    }

    static JournalRecord data(long gfid) {
        return JournalRecord.builder(RecordType.DATA, 9, gfid).build();
    }

    static BrickRecord copy(int brick, long ts, long offset, JournalRecord r) {
        return new BrickRecord(brick, brick / 2, ts, offset, r);
    }

    static void feed(Harness h,
            BrickRecord... copies) throws Exception {
        for (BrickRecord c : copies) {
            h.processElement1(c, c.eventTimeMillis());
        }
    }

    static List<VolumeEvent> release(Harness h,
            long upToTs) throws Exception {
        h.processWatermark(OperationDedupOperator.releaseTime(upToTs));
        List<VolumeEvent> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        out.sort(VolumeEvent.ORDER);
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replicaCopiesInTheSameSecondAreOneOperationLoggedByBoth() throws Exception {
        var h = harness();
        feed(h, copy(1, T, 200, rename("a", "b")), copy(0, T, 100, rename("a", "b")));
        List<VolumeEvent> out = release(h, T);
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.brick()).isZero();
            assertThat(e.offset()).isEqualTo(100);
            assertThat(e.bricks()).containsExactly(0, 1);
        });
    }

    @Test
    void aCopyOneJournalLateOnTheOtherReplicaIsTheSameOperation() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 100, rename("a", "b")), copy(1, T + 1, 51, rename("a", "b")));
        assertThat(release(h, T)).singleElement().satisfies(e -> assertThat(e.bricks()).containsExactly(0));
        assertThat(release(h, T + 1)).isEmpty();
    }

    @Test
    void legitimateRepeatsSurvive() throws Exception {
        var h = harness();
        for (int b = 0; b < 2; b++) {
            feed(h, copy(b, T, 100, rename("a", "b")), copy(b, T, 200, rename("b", "a")), copy(b, T, 300, rename("a", "b")));
        }
        List<VolumeEvent> out = release(h, T);
        assertThat(out).extracting(VolumeEvent::offset).containsExactly(100L, 200L, 300L);
        assertThat(out).allSatisfy(e -> assertThat(e.bricks()).containsExactly(0, 1));
    }

    /** Replicas can log a different number of D records for the same writes; every brick's D is kept. */
    @Test
    void dataRecordsAreNeverLost() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 51, data(1)), copy(0, T + 1, 51, data(1)), copy(1, T, 51, data(1)));
        assertThat(release(h, T + 5)).extracting(VolumeEvent::journalTs).containsExactly(T, T + 1);
    }

    @Test
    void copiesBehindTheWatermarkAreDroppedAsDuplicates() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 100, rename("a", "b")));
        assertThat(release(h, T + 10)).hasSize(1);
        feed(h, copy(1, T, 100, rename("a", "b")), copy(1, T + 3, 100, rename("x", "y")));
        assertThat(release(h, T + 20)).isEmpty();
        assertThat(((OperationDedupOperator) h.getOperator()).lateCopiesDropped()).isEqualTo(2);
        // A copy at the watermark's own second is released, not late.
        feed(h, copy(0, T + 21, 100, rename("p", "q")));
        assertThat(release(h, T + 21)).hasSize(1);
        assertThat(((OperationDedupOperator) h.getOperator()).lateCopiesDropped()).isEqualTo(2);
    }

    /** The representative does not depend on the order copies arrive in. */
    @Test
    void arrivalOrderDoesNotMatter() throws Exception {
        List<BrickRecord> copies = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < 30; i++) {
                long ts = T + i / 10 + (b == 3 && i % 7 == 0 ? 1 : 0);
                copies.add(copy(b, ts, 100 + i, i % 3 == 0 ? data(i % 5) : rename("n" + (i % 4), "m" + (i % 4))));
            }
        }
        List<VolumeEvent> reference = null;
        Random random = new Random(3);
        for (int round = 0; round < 10; round++) {
            Collections.shuffle(copies, random);
            var h = harness();
            feed(h, copies.toArray(new BrickRecord[0]));
            List<VolumeEvent> out = release(h, T + 10);
            if (reference == null) {
                reference = out;
                assertThat(out).isNotEmpty();
            } else {
                assertThat(out).isEqualTo(reference);
            }
        }
    }

    /** Unreleased copies survive a checkpoint and merge with copies that arrive after the restore. */
    @Test
    void unreleasedCopiesSurviveACheckpoint() throws Exception {
        var h = harness();
        feed(h, copy(1, T, 300, rename("a", "b")), copy(0, T + 1, 100, rename("c", "d")));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, copy(0, T, 100, rename("a", "b")), copy(1, T + 1, 100, rename("c", "d")));
        List<VolumeEvent> out = release(restored, T + 1);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).satisfies(e -> {
            assertThat(e.brick()).isZero();
            assertThat(e.offset()).isEqualTo(100);
            assertThat(e.bricks()).containsExactly(0, 1);
        });
        assertThat(out.get(1).bricks()).containsExactly(0, 1);
    }

    /** Counts expire a horizon after a key's last copy, so state does not grow forever. */
    @Test
    void countsExpireAfterTheHorizon() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 100, rename("a", "b")));
        assertThat(release(h, T)).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isPositive();
        h.processWatermark(OperationDedupOperator.releaseTime(T) + HORIZON);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
    }

    /** Counts live at a checkpoint are in it: after a restore, a later replica copy is still a duplicate. */
    @Test
    void liveCountsSurviveACheckpoint() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 100, rename("a", "b")), copy(0, T, 200, rename("c", "d")));
        assertThat(release(h, T)).hasSize(2);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        // The replica's copies come a second later: duplicates of what was applied before the checkpoint.
        feed(restored, copy(1, T + 1, 100, rename("a", "b")), copy(1, T + 1, 200, rename("c", "d")),
                copy(1, T + 1, 300, rename("e", "f")));
        List<VolumeEvent> out = release(restored, T + 1);
        assertThat(out).singleElement().satisfies(e -> assertThat(e.offset()).isEqualTo(300));
    }

    /** Counts changed after a checkpoint are written again at the next one (not only the first time). */
    @Test
    void countsChangedAfterACheckpointAreWrittenAgain() throws Exception {
        var h = harness();
        feed(h, copy(0, T, 100, rename("a", "b")));
        assertThat(release(h, T)).hasSize(1);
        h.snapshot(1, 1);
        // The same rename again on brick 0: a second operation; brick 1's first copy then follows it.
        feed(h, copy(0, T + 1, 150, rename("a", "b")));
        assertThat(release(h, T + 1)).hasSize(1);
        OperatorSubtaskState snapshot = h.snapshot(2, 2);
        h.close();

        var restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, copy(1, T + 2, 100, rename("a", "b")), copy(1, T + 2, 150, rename("a", "b")));
        assertThat(release(restored, T + 2)).isEmpty();
    }

    /** An operation every expected brick has logged leaves no state and no timer behind. */
    @Test
    void completeOperationsLeaveNoState() throws Exception {
        JournalRecord create = JournalRecord.builder(RecordType.ENTRY, 5, 5).fop(Fop.CREATE).modeOwner(0100644, 0, 0)
                .entry(0, 1, bytes("f")).build();
        JournalRecord mkdir = JournalRecord.builder(RecordType.ENTRY, 6, 6).fop(Fop.MKDIR).modeOwner(040755, 0, 0)
                .entry(0, 1, bytes("d")).build();
        var h = harness();
        feed(h, copy(2, T, 100, create), copy(3, T, 100, create));
        for (int b = 0; b < 4; b++) {
            feed(h, copy(b, T, 200, mkdir));
        }
        assertThat(release(h, T)).hasSize(2);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();

        // One replica's copy still to come: state and an expiry timer stay until it arrives.
        feed(h, copy(2, T + 1, 100, create));
        assertThat(release(h, T + 1)).hasSize(1);
        assertThat(h.numKeyedStateEntries()).isPositive();
        feed(h, copy(3, T + 2, 100, create));
        assertThat(release(h, T + 2)).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
    }

    /** Unreleased copies checkpointed at parallelism 1 are released exactly once after scaling out to 2. */
    @Test
    void unreleasedCopiesSurviveRescaling() throws Exception {
        var h = harness();
        List<JournalRecord> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.add(rename("n" + i, "m" + i));
            feed(h, copy(0, T, 100 + i, ops.get(i)));
        }
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        List<VolumeEvent> out = new ArrayList<>();
        for (int subtask = 0; subtask < 2; subtask++) {
            var part = Harness.of(2, subtask);
            part.initializeState(org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness
                    .repartitionOperatorState(snapshot, 8, 1, 2, subtask));
            part.open();
            // The other replica's copies arrive after the restore, each at the subtask owning its key.
            for (JournalRecord op : ops) {
                BrickRecord c = copy(1, T, 100, op);
                int owner = org.apache.flink.runtime.state.KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        new OperationKey().getKey(c), 8, 2);
                if (owner == subtask) {
                    feed(part, c);
                }
            }
            List<VolumeEvent> released = release(part, T);
            assertThat(released).isNotEmpty();
            out.addAll(released);
            part.close();
        }
        assertThat(out).hasSize(40);
        assertThat(out).allSatisfy(e -> assertThat(e.bricks()).containsExactly(0, 1));
    }

    /**
     * Whether a copy a horizon after the key's last copy is a new operation is decided by journal time, not by
     * how the watermark batches copies: one big batch and many small ones give the same events.
     */
    @Test
    void expiryIsDecidedByEventTimeNotByBatching() throws Exception {
        long later = T + HORIZON / 1000 + 10;
        BrickRecord[] copies = {copy(0, T, 100, rename("a", "b")), copy(1, T + 1, 100, rename("a", "b")),
                copy(0, later, 100, rename("a", "b")), copy(1, later, 100, rename("a", "b"))};
        var oneBatch = harness();
        feed(oneBatch, copies);
        List<VolumeEvent> together = release(oneBatch, later + 5);

        var small = harness();
        feed(small, copies);
        List<VolumeEvent> apart = new ArrayList<>();
        for (long ts = T; ts <= later + 5; ts++) {
            apart.addAll(release(small, ts));
        }
        assertThat(together).extracting(VolumeEvent::journalTs).containsExactly(T, later);
        assertThat(apart).isEqualTo(together);
    }

    /** Writes unreleased copies the way earlier builds did: one list element per copy. */
    static final class EarlierBuildState extends org.apache.flink.streaming.api.operators.AbstractStreamOperator<Void>
            implements org.apache.flink.streaming.api.operators.OneInputStreamOperator<Void, Void> {
        private final List<BrickRecord> copies;

        EarlierBuildState(List<BrickRecord> copies) {
            this.copies = copies;
        }

        @Override
        public void initializeState(org.apache.flink.runtime.state.StateInitializationContext context) throws Exception {
            super.initializeState(context);
            context.getOperatorStateStore().getUnionListState(new org.apache.flink.api.common.state.ListStateDescriptor<>(
                    "unreleased-copies", io.gnotify.connectors.source.BrickRecordSerializer.TYPE)).update(copies);
        }

        @Override
        public void processElement(org.apache.flink.streaming.runtime.streamrecord.StreamRecord<Void> element) {}
    }

    /** A checkpoint whose unreleased copies an earlier build wrote one element each still restores them. */
    @Test
    void unreleasedCopiesFromEarlierBuildsAreRestored() throws Exception {
        OperatorSubtaskState snapshot;
        try (var earlier = new org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness<Void, Void>(
                new EarlierBuildState(List.of(copy(1, T, 300, rename("a", "b")), copy(0, T + 1, 100, rename("c", "d")))))) {
            earlier.open();
            snapshot = earlier.snapshot(1, 1);
        }
        var restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, copy(0, T, 100, rename("a", "b")));
        List<VolumeEvent> out = release(restored, T + 1);
        assertThat(out).hasSize(2);
        assertThat(out.get(0).bricks()).containsExactly(0, 1);
        assertThat(out.get(1).brick()).isZero();
        assertThat(out.get(1).offset()).isEqualTo(100);

        // The next checkpoint writes the new form only, and restores from it alone.
        feed(restored, copy(1, T + 2, 50, rename("e", "f")));
        OperatorSubtaskState next = restored.snapshot(2, 2);
        restored.close();
        var again = Harness.of(1, 0);
        again.initializeState(next);
        again.open();
        assertThat(release(again, T + 2)).singleElement().satisfies(e -> assertThat(e.offset()).isEqualTo(50));
    }

    /** Runs the mails the operator queued (the steps of a release), as the task's mailbox would. */
    static void runMails(AbstractStreamOperatorTestHarness<?> h) throws Exception {
        for (var mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY); mail.isPresent();
                mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)) {
            mail.get().run();
        }
    }

    /** Copies of {@code keys} data operations in one second, each logged by both replicas of subvolume 0. */
    static void feedReplicated(Harness h, int keys) throws Exception {
        for (int k = 0; k < keys; k++) {
            feed(h, copy(0, T, 100 + k, data(1000 + k)), copy(1, T, 100 + k, data(1000 + k)));
        }
    }

    /**
     * A large release goes out in steps of {@link OperationDedupOperator#STEP_KEYS} keys, one mail each, and the
     * watermark after the last; a checkpoint between steps keeps the keys not applied yet, so the restored job emits
     * exactly the operations the first did not.
     */
    @Test
    void aReleaseInStepsSurvivesACheckpointBetweenThem() throws Exception {
        int keys = OperationDedupOperator.STEP_KEYS * 3 + 17;
        var h = harness();
        feedReplicated(h, keys);
        h.processWatermark(OperationDedupOperator.releaseTime(T));
        List<VolumeEvent> first = new ArrayList<>(h.extractOutputValues());
        assertThat(first).hasSize(OperationDedupOperator.STEP_KEYS);
        assertThat(h.getOutput()).noneMatch(o -> o instanceof org.apache.flink.streaming.api.watermark.Watermark);
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        restored.processWatermark(OperationDedupOperator.releaseTime(T));
        runMails(restored);
        List<VolumeEvent> rest = new ArrayList<>(restored.extractOutputValues());
        assertThat(restored.getOutput()).last().isInstanceOf(org.apache.flink.streaming.api.watermark.Watermark.class);

        List<Long> gfids = new ArrayList<>();
        first.forEach(e -> gfids.add(e.record().gfidLsb()));
        rest.forEach(e -> gfids.add(e.record().gfidLsb()));
        gfids.sort(null);
        List<Long> expected = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            expected.add(1000L + k);
        }
        assertThat(gfids).isEqualTo(expected);
        assertThat(rest).allSatisfy(e -> assertThat(e.bricks()).containsExactly(0, 1));
    }

    /** Without a checkpoint the steps run on as mails and emit every operation once, then the watermark. */
    @Test
    void aReleaseInStepsEmitsEveryOperationOnceThenTheWatermark() throws Exception {
        int keys = OperationDedupOperator.STEP_KEYS * 2 + 5;
        var h = harness();
        feedReplicated(h, keys);
        h.processWatermark(OperationDedupOperator.releaseTime(T));
        // A later watermark during the release waits for it.
        h.processWatermark(OperationDedupOperator.releaseTime(T + 1));
        runMails(h);
        List<Object> out = new ArrayList<>(h.getOutput());
        assertThat(out.stream().filter(o -> o instanceof org.apache.flink.streaming.api.watermark.Watermark)
                .map(o -> ((org.apache.flink.streaming.api.watermark.Watermark) o).getTimestamp()))
                .containsExactly(OperationDedupOperator.releaseTime(T), OperationDedupOperator.releaseTime(T + 1));
        assertThat(out.indexOf(out.stream().filter(o -> o instanceof org.apache.flink.streaming.api.watermark.Watermark)
                .findFirst().orElseThrow())).isEqualTo(keys);
        assertThat(h.extractOutputValues()).hasSize(keys);
    }
}
