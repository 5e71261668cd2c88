package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.EventJson;
import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.sink.FileChunks;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.job.WindowGrid;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Event lines travel in chunks: each chunk holds one window's lines in order, and every line buffered so far
 * is out before a watermark, a checkpoint barrier and the end of input.
 */
class EventWindowLinesTest {
    private static final long T = 1_795_500_000L; // a window start of the 60 s grid
    private static final String EVENTS = "vol/events/";

    private static OneInputStreamOperatorTestHarness<VolumeEvent, WindowFileLine> harness() throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new EventWindowLines("vol", new WindowGrid(60), false));
        h.open();
        return h;
    }

    private static VolumeEvent event(long seq, long ts) {
        JournalRecord r = JournalRecord.builder(RecordType.DATA, 7, seq).build();
        return new VolumeEvent(seq, ts, 0, 100 + seq, new int[] {0, 1}, r);
    }

    private static void feed(OneInputStreamOperatorTestHarness<VolumeEvent, WindowFileLine> h, VolumeEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.journalTs() * 1000));
    }

    /** The lines one event at a time, as a reader of the files sees them. */
    private static byte[] lines(List<VolumeEvent> events) {
        EventJson json = new EventJson();
        events.forEach(json::append);
        return json.take();
    }

    private static byte[] concat(List<WindowFileLine> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(c -> all.writeBytes(c.bytes()));
        return all.toByteArray();
    }

    @Test
    void aWindowsLinesWaitForTheWatermarkThenGoOutInOrder() throws Exception {
        try (var h = harness()) {
            List<VolumeEvent> events = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                events.add(event(i, T + i % 60));
                feed(h, events.get(i - 1));
            }
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark((T + 60) * 1000 - 1));
            List<WindowFileLine> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).file()).isEqualTo(EVENTS + new WindowGrid(60).name(T) + ".jsonl");
            assertThat(out.get(0).windowEnd()).isEqualTo(T + 60);
            assertThat(out.get(0).bytes()).isEqualTo(lines(events));
            assertThat(h.getOutput()).last().isInstanceOf(Watermark.class);
        }
    }

    @Test
    void aBarrierFindsNoLineBuffered() throws Exception {
        try (var h = harness()) {
            feed(h, event(1, T));
            feed(h, event(2, T + 1));
            h.prepareSnapshotPreBarrier(1);
            assertThat(concat(h.extractOutputValues())).isEqualTo(lines(List.of(event(1, T), event(2, T + 1))));
            h.snapshot(1, 1);
            feed(h, event(3, T + 2));
            h.getOneInputOperator().finish();
            assertThat(concat(h.extractOutputValues()))
                    .isEqualTo(lines(List.of(event(1, T), event(2, T + 1), event(3, T + 2))));
        }
    }

    @Test
    void chunksStayNearTheirSizeAndKeepToOneWindow() throws Exception {
        try (var h = harness()) {
            List<VolumeEvent> first = new ArrayList<>();
            for (int i = 1; first.size() < 2_000; i++) {
                first.add(event(i, T + 30));
            }
            first.forEach(e -> feedQuietly(h, e));
            VolumeEvent second = event(5_000, T + 125); // two windows on: the one between gets its empty file
            feed(h, second);
            h.processWatermark(new Watermark(Long.MAX_VALUE));
            List<WindowFileLine> out = h.extractOutputValues();
            List<WindowFileLine> ofFirst = out.stream().filter(l -> l.windowEnd() == T + 60).toList();
            assertThat(ofFirst).hasSizeGreaterThan(1);
            assertThat(ofFirst).allSatisfy(c -> assertThat(c.bytes().length).isBetween(1, FileChunks.CHUNK + 1024));
            assertThat(concat(ofFirst)).isEqualTo(lines(first));
            assertThat(out).filteredOn(l -> l.windowEnd() == T + 120).singleElement()
                    .satisfies(l -> assertThat(l.bytes()).isEmpty());
            assertThat(out).last().satisfies(l -> {
                assertThat(l.windowEnd()).isEqualTo(T + 180);
                assertThat(l.bytes()).isEqualTo(lines(List.of(second)));
            });
        }
    }

    private static void feedQuietly(OneInputStreamOperatorTestHarness<VolumeEvent, WindowFileLine> h, VolumeEvent e) {
        try {
            feed(h, e);
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
