package io.gnotify.job.order;

import static io.gnotify.job.order.OperationDedupOperatorTest.runMails;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The sequencer releases a journal second in steps; a checkpoint between them neither loses nor repeats an event. */
class EventSequencerTest {
    private static final long T = 1_795_500_000L;
    private static final int EVENTS = EventSequencer.STEP_EVENTS * 2 + 100;

    private static OneInputStreamOperatorTestHarness<VolumeEvent, VolumeEvent> harness() throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new EventSequencer());
    }

    /** One second's operations, fed in reverse of their volume order. */
    private static void feed(OneInputStreamOperatorTestHarness<VolumeEvent, VolumeEvent> h) throws Exception {
        for (int i = EVENTS - 1; i >= 0; i--) {
            JournalRecord r = JournalRecord.builder(RecordType.DATA, 1, 1000 + i).build();
            h.processElement(new VolumeEvent(-1, T, i % 2, 10 + i / 2, new int[] {i % 2}, r), T * 1000);
        }
    }

    private static List<VolumeEvent> uninterrupted() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h);
            h.processWatermark(new Watermark(OperationDedupOperator.releaseTime(T)));
            runMails(h);
            assertThat(h.getOutput()).last().isInstanceOf(Watermark.class);
            return new ArrayList<>(h.extractOutputValues());
        }
    }

    @Test
    void aReleaseGoesOutInStepsNumberedInVolumeOrderThenTheWatermark() throws Exception {
        List<VolumeEvent> out = uninterrupted();
        assertThat(out).hasSize(EVENTS);
        for (int i = 0; i < EVENTS; i++) {
            assertThat(out.get(i).seq()).isEqualTo(i + 1);
            if (i > 0) {
                assertThat(VolumeEvent.ORDER.compare(out.get(i - 1), out.get(i))).isNegative();
            }
        }
    }

    @Test
    void aCheckpointBetweenStepsKeepsWhatWasNotEmitted() throws Exception {
        List<VolumeEvent> first;
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            feed(h);
            h.processWatermark(new Watermark(OperationDedupOperator.releaseTime(T)));
            first = new ArrayList<>(h.extractOutputValues());
            assertThat(first).hasSize(EventSequencer.STEP_EVENTS);
            assertThat(h.getOutput()).noneMatch(o -> o instanceof Watermark);
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processWatermark(new Watermark(OperationDedupOperator.releaseTime(T)));
            runMails(restored);
            first.addAll(restored.extractOutputValues());
        }
        assertThat(first).extracting(VolumeEvent::toString)
                .containsExactlyElementsOf(uninterrupted().stream().map(VolumeEvent::toString).toList());
    }
}
