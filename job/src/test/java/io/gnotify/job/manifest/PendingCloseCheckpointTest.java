package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.b;
import static io.gnotify.job.manifest.WindowDiffTest.entry;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.analytics.AnalyticsSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A window's close runs in steps after the next window has begun; a checkpoint taken before the close completes
 * keeps the closing window, and the restored operator publishes exactly the files an uninterrupted one does.
 */
class PendingCloseCheckpointTest {
    private static final long T = 1_795_500_000L;
    private static final VolumeInfo VOLUME = new VolumeInfo("v", "id", "Distribute", 1, 0,
            List.of(new Brick(0, 0, "h", "/b1", false)));

    private static KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new ManifestWindowOperator(VOLUME, new WindowGrid(5), false,
                null, AnalyticsSettings.DEFAULT), new NamespaceKey(), NamespaceKey.TYPE);
        h.setup();
        return h;
    }

    private static VolumeEvent at(long ts, long offset, JournalRecord r) {
        return new VolumeEvent(offset, ts, 0, offset, new int[] {0}, r);
    }

    /** Window [T, T+5): a directory with files, one renamed; then window [T+5, T+10) moves and removes some. */
    private static List<VolumeEvent> firstWindow() {
        List<VolumeEvent> out = new ArrayList<>();
        out.add(at(T, 1, entry(Fop.MKDIR, g(1), GfidKey.ROOT, b("d")).modeOwner(040755, 0, 0).build()));
        for (int i = 0; i < 300; i++) {
            out.add(at(T + 1 + i % 3, 10 + i, entry(Fop.CREATE, g(100 + i), g(1), b("f" + i)).modeOwner(0100644, 0, 0).build()));
        }
        out.add(at(T + 4, 400, entry(Fop.RENAME, g(100), g(1), b("f0")).newEntry(GfidKey.ROOT.msb(), GfidKey.ROOT.lsb(),
                b("top")).build()));
        return out;
    }

    private static List<VolumeEvent> secondWindow() {
        List<VolumeEvent> out = new ArrayList<>();
        out.add(at(T + 5, 500, entry(Fop.RENAME, g(1), GfidKey.ROOT, b("d")).newEntry(GfidKey.ROOT.msb(),
                GfidKey.ROOT.lsb(), b("e")).build()));
        for (int i = 1; i < 50; i++) {
            out.add(at(T + 6, 500 + i, entry(Fop.UNLINK, g(100 + i), g(1), b("f" + i)).deletedPath(b("d/f" + i)).build()));
        }
        out.add(at(T + 7, 600, entry(Fop.CREATE, g(900), g(1), b("new")).modeOwner(0100644, 0, 0).build()));
        return out;
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> h,
            List<VolumeEvent> events) throws Exception {
        for (VolumeEvent e : events) {
            h.processElement(e, e.journalTs() * 1000);
        }
    }

    /** Closes both windows and lets the close steps run (each a processing-time timer a millisecond on). */
    private static void closeBoth(KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> h)
            throws Exception {
        closeUntil(h, T + 10);
    }

    /** Closes the windows ending by {@code end} and lets the close steps run. */
    private static void closeUntil(KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> h,
            long end) throws Exception {
        h.processWatermark(new Watermark(end * 1000 - 1));
        for (long t = 1; t <= 1000; t++) {
            h.setProcessingTime(t);
        }
    }

    private static Map<String, String> files(List<WindowFileLine> lines) {
        Map<String, String> out = new TreeMap<>();
        lines.forEach(l -> out.merge(l.file(), new String(l.bytes(), java.nio.charset.StandardCharsets.UTF_8), String::concat));
        return out;
    }

    @Test
    void aCheckpointDuringACloseRestoresTheClosingWindowAndPublishesTheSameFiles() throws Exception {
        Map<String, String> expected;
        try (var h = harness()) {
            h.open();
            feed(h, firstWindow());
            feed(h, secondWindow());
            closeBoth(h);
            expected = files(h.extractOutputValues());
        }
        assertThat(expected.keySet()).hasSize(6).anyMatch(f -> f.contains(WindowGrid.name(T, T + 5)))
                .anyMatch(f -> f.contains(WindowGrid.name(T + 5, T + 10)));

        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            feed(h, firstWindow());
            // The first event of the next window closes [T, T+5); its steps wait for the processing-time timer.
            feed(h, secondWindow().subList(0, 10));
            assertThat(h.extractOutputValues()).isEmpty();
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            feed(restored, secondWindow().subList(10, secondWindow().size()));
            closeBoth(restored);
            assertThat(files(restored.extractOutputValues())).isEqualTo(expected);
        }
    }

    /**
     * Directory g1 is unknown (a hole created it): the first window creates e and e/x under it, without paths; the
     * second renames g1 to d, which gives them paths there; the third's first operation closes the second. A
     * checkpoint before that close completes, restored, publishes the same files: the second manifest still names
     * d/e and d/e/x.
     */
    @Test
    void namesAnUnknownDirectoryHeldGetTheirPathsAcrossACheckpointDuringTheClose() throws Exception {
        List<VolumeEvent> events = List.of(
                at(T, 1, entry(Fop.MKDIR, g(2), g(1), b("e")).modeOwner(040755, 0, 0).build()),
                at(T + 1, 2, entry(Fop.CREATE, g(3), g(2), b("x")).modeOwner(0100644, 0, 0).build()),
                at(T + 6, 3, entry(Fop.RENAME, g(1), g(50), b("old")).newEntry(GfidKey.ROOT.msb(), GfidKey.ROOT.lsb(),
                        b("d")).build()),
                at(T + 11, 4, entry(Fop.CREATE, g(4), GfidKey.ROOT, b("later")).modeOwner(0100644, 0, 0).build()));
        Map<String, String> expected;
        try (var h = harness()) {
            h.open();
            feed(h, events);
            closeUntil(h, T + 15);
            expected = files(h.extractOutputValues());
        }
        String second = expected.entrySet().stream().filter(e -> e.getKey().contains(WindowGrid.name(T + 5, T + 10))
                && e.getKey().endsWith(ManifestFormat.MANIFEST_SUFFIX)).map(Map.Entry::getValue).findFirst().orElseThrow();
        assertThat(second).contains("\"path\":\"d/e\"", "\"path\":\"d/e/x\"");

        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            feed(h, events.subList(0, 3));
            closeUntil(h, T + 5);
            feed(h, events.subList(3, 4));
            snapshot = h.snapshot(1, 1);
        }
        try (var restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            closeUntil(restored, T + 15);
            Map<String, String> all = new TreeMap<>(files(restored.extractOutputValues()));
            assertThat(all).containsAllEntriesOf(expected.entrySet().stream()
                    .filter(e -> !e.getKey().contains(WindowGrid.name(T, T + 5)))
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        }
    }
}
