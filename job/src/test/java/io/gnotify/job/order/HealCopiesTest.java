package io.gnotify.job.order;

import static io.gnotify.job.order.OperationDedupOperatorTest.T;
import static io.gnotify.job.order.OperationDedupOperatorTest.copy;
import static io.gnotify.job.order.OperationDedupOperatorTest.data;
import static io.gnotify.job.order.OperationDedupOperatorTest.feed;
import static io.gnotify.job.order.OperationDedupOperatorTest.harness;
import static io.gnotify.job.order.OperationDedupOperatorTest.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.job.order.OperationDedupOperatorTest.Harness;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * Self-heal's copies on a replica brick that came back: what it logs alone while its replica journals is
 * dropped; what a client did meanwhile (logged by both) is one operation; nothing is dropped when the replica
 * was not journalling, or after the heal grace. On the 2x2 layout of {@link OperationDedupOperatorTest}:
 * bricks 0 and 1 are replicas. Both roll over every 2 s; brick 1 has no rollover from T-20 to T (it was down).
 */
class HealCopiesTest {
    static JournalRecord setattr(long gfid) {
        return JournalRecord.builder(RecordType.METADATA, 9, gfid).fop(Fop.SETATTR).build();
    }

    /** Markers of both replicas from T-30 to {@code until}, brick 1 silent from T-20 to T. */
    static void rollovers(Harness h, long until) throws Exception {
        for (long ts = T - 30; ts <= until; ts += 2) {
            h.processElement2(BrickRecord.rollover(0, 0, ts, RolloverKind.JOURNAL), ts * 1000);
            if (ts <= T - 20 || ts >= T) {
                h.processElement2(BrickRecord.rollover(1, 0, ts + 1, RolloverKind.JOURNAL), (ts + 1) * 1000);
            }
        }
    }

    static OperationDedupOperator op(Harness h) {
        return (OperationDedupOperator) h.getOperator();
    }

    @Test
    void whatTheReturningBrickLogsAloneIsDroppedAndWhatBothLogIsOneOperation() throws Exception {
        Harness h = harness();
        rollovers(h, T + 20);
        // Heal: data and attributes of files 1 and 2 on brick 1 only. A client: a write of file 3 on both.
        feed(h, copy(1, T + 1, 51, data(1)), copy(1, T + 1, 90, setattr(2)), copy(1, T + 3, 51, data(3)),
                copy(0, T + 4, 51, data(3)));
        List<VolumeEvent> out = release(h, T + 20);
        assertThat(out).singleElement().satisfies(e -> {
            assertThat(e.brick()).isZero();
            assertThat(e.record().gfidLsb()).isEqualTo(3);
        });
        assertThat(op(h).healCopiesDropped()).isEqualTo(2);
        // Both replicas' copies of the write are counted: nothing is left waiting for a copy.
        assertThat(h.numKeyedStateEntries()).isZero();

        // Later copies of the same keys count as usual: a write of file 1 logged by both is one operation.
        feed(h, copy(1, T + 21, 51, data(1)), copy(0, T + 21, 51, data(1)));
        rollovers(h, T + 24);
        assertThat(release(h, T + 24)).singleElement().satisfies(e -> assertThat(e.bricks()).containsExactly(0, 1));
    }

    @Test
    void aCopyTheOtherReplicaLogsFirstIsItsDuplicateAsBefore() throws Exception {
        Harness h = harness();
        rollovers(h, T + 20);
        feed(h, copy(0, T + 2, 51, data(3)), copy(1, T + 3, 51, data(3)));
        assertThat(release(h, T + 20)).singleElement().satisfies(e -> assertThat(e.brick()).isZero());
        assertThat(op(h).healCopiesDropped()).isZero();
    }

    @Test
    void nothingIsDroppedWhileTheReplicaIsNotJournalling() throws Exception {
        Harness h = harness();
        rollovers(h, T + 4);
        // Brick 0 goes down after its rollover at T+4: brick 1 carries the volume alone.
        h.processElement2(BrickRecord.rollover(0, 0, T + 4, RolloverKind.DOWN), (T + 4) * 1000);
        for (long ts = T + 6; ts <= T + 20; ts += 2) {
            h.processElement2(BrickRecord.rollover(1, 0, ts + 1, RolloverKind.JOURNAL), (ts + 1) * 1000);
        }
        feed(h, copy(1, T + 9, 51, data(5)));
        assertThat(release(h, T + 20)).singleElement().satisfies(e -> assertThat(e.record().gfidLsb()).isEqualTo(5));
        assertThat(op(h).healCopiesDropped()).isZero();
    }

    @Test
    void afterTheHealGraceALoneCopyIsAnOperation() throws Exception {
        Harness h = harness();
        long after = T + OperationDedupOperatorTest.GRACE / 1000 + 10;
        rollovers(h, after + 10);
        feed(h, copy(1, after + 1, 51, data(6)));
        assertThat(release(h, after + 10)).hasSize(1);
        assertThat(op(h).healCopiesDropped()).isZero();
    }

    /** On a volume without replicas nothing is ever a heal copy. */
    @Test
    void aBrickWithoutReplicasIsNeverSuspected() {
        BrickTimelines t = new BrickTimelines();
        for (long ts = T - 30; ts <= T + 20; ts += 2) {
            if (ts <= T - 20 || ts >= T) {
                t.marker(0, ts, RolloverKind.JOURNAL);
            }
        }
        CopyExpectation plain = CopyExpectation.of(new io.gnotify.connectors.volume.VolumeInfo("v", "id", "Distribute", 1,
                0, List.of(new io.gnotify.connectors.volume.Brick(0, 0, "h", "/b1", false),
                        new io.gnotify.connectors.volume.Brick(1, 1, "h", "/b2", false))));
        assertThat(t.returned(0)).isEqualTo(T);
        assertThat(new HealSuspects(3600, plain).suspectUntil(copy(0, T + 1, 51, data(1)), t)).isEqualTo(Long.MIN_VALUE);
    }

    /** A suspect held at a checkpoint is still paired with the replica's copy after the restore. */
    @Test
    void aHeldSuspectSurvivesACheckpoint() throws Exception {
        Harness h = harness();
        rollovers(h, T + 20);
        feed(h, copy(1, T + 3, 51, data(3)), copy(1, T + 3, 90, data(4)));
        assertThat(release(h, T + 3)).isEmpty();
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        Harness restored = Harness.of(1, 0);
        restored.initializeState(snapshot);
        restored.open();
        feed(restored, copy(0, T + 4, 51, data(3)));
        assertThat(release(restored, T + 20)).singleElement().satisfies(e -> assertThat(e.record().gfidLsb()).isEqualTo(3));
        assertThat(op(restored).healCopiesDropped()).isEqualTo(1);
        assertThat(restored.numKeyedStateEntries()).isZero();
    }
}
