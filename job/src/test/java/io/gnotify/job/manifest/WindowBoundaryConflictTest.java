package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.b;
import static io.gnotify.job.manifest.WindowDiffTest.entry;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.analytics.AnalyticsSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A rename onto a name on one subvolume and a create of that name on the other, whose journals fall on either
 * side of a window boundary (the CatchUpLabIT case): the manifest stage settles it by the live volume in the
 * second window, also when the job was restored from a checkpoint taken between the two, with the first
 * window's close still under way or done.
 */
class WindowBoundaryConflictTest {
    private static final long T = 1_795_500_000L;
    private static final VolumeInfo VOLUME = new VolumeInfo("v", "id", "Distribute", 1, 0,
            List.of(new Brick(0, 0, "h", "/b1", false), new Brick(1, 1, "h", "/b2", false)));
    /** The live volume: the renamed file holds "n". */
    private static final NameOwners VOLUME_NOW = (path, second) -> new String(path, StandardCharsets.UTF_8).equals("n")
            ? g(1) : null;

    private static KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> harness()
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new ManifestWindowOperator(VOLUME, new WindowGrid(5), false,
                VOLUME_NOW, AnalyticsSettings.DEFAULT), new NamespaceKey(), NamespaceKey.TYPE);
        h.setup();
        return h;
    }

    private static VolumeEvent op(long ts, int brick, long offset, JournalRecord r) {
        return new VolumeEvent(offset, ts, brick, offset, new int[] {brick}, r);
    }

    /** Both bricks roll over every 2 s; brick 0 renames "old" onto "n" at T+4, brick 1 creates "n" at T+5. */
    private static List<VolumeEvent> beforeTheBoundary() {
        List<VolumeEvent> out = new ArrayList<>();
        out.add(op(T + 1, 0, 1, entry(Fop.CREATE, g(1), GfidKey.ROOT, b("old")).modeOwner(0100644, 0, 0).build()));
        out.add(VolumeEvent.rollover(T + 1, 0, RolloverKind.JOURNAL));
        out.add(VolumeEvent.rollover(T + 1, 1, RolloverKind.EMPTY));
        out.add(VolumeEvent.rollover(T + 3, 0, RolloverKind.EMPTY));
        out.add(VolumeEvent.rollover(T + 3, 1, RolloverKind.EMPTY));
        out.add(op(T + 4, 0, 2, entry(Fop.RENAME, g(1), GfidKey.ROOT, b("old"))
                .newEntry(GfidKey.ROOT.msb(), GfidKey.ROOT.lsb(), b("n")).build()));
        return out;
    }

    /** The next window's first operation, on brick 0: it closes the first window. */
    private static List<VolumeEvent> firstOfNextWindow() {
        return List.of(op(T + 5, 0, 3, entry(Fop.MKDIR, g(3), GfidKey.ROOT, b("other")).modeOwner(040755, 0, 0).build()));
    }

    private static List<VolumeEvent> theCreate() {
        return List.of(op(T + 5, 1, 1, entry(Fop.CREATE, g(2), GfidKey.ROOT, b("n")).modeOwner(0100644, 0, 0).build()));
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> h,
            List<VolumeEvent> events) throws Exception {
        for (VolumeEvent e : events) {
            h.processElement(e, e.journalTs() * 1000);
        }
    }

    /** Lets pending close steps run (each a processing-time timer a millisecond on). */
    private static void runCloses(KeyedOneInputStreamOperatorTestHarness<GfidKey, VolumeEvent, WindowFileLine> h,
            long from) throws Exception {
        for (long t = from; t <= from + 1000; t++) {
            h.setProcessingTime(t);
        }
    }

    private static Map<String, String> manifests(List<WindowFileLine> lines) {
        Map<String, String> out = new TreeMap<>();
        lines.stream().filter(l -> l.file().endsWith(ManifestFormat.MANIFEST_SUFFIX)).forEach(l -> out.merge(l.file(),
                new String(l.bytes(), StandardCharsets.UTF_8), String::concat));
        return out;
    }

    private static Map<String, String> uninterrupted() throws Exception {
        try (var h = harness()) {
            h.open();
            feed(h, beforeTheBoundary());
            feed(h, firstOfNextWindow());
            feed(h, theCreate());
            h.processWatermark(new Watermark((T + 10) * 1000 - 1));
            runCloses(h, 1);
            return manifests(h.extractOutputValues());
        }
    }

    @Test
    void theSecondWindowKeepsTheRenamedFileAndSaysNothingOfTheReplacedCreate() throws Exception {
        Map<String, String> files = uninterrupted();
        assertThat(files).hasSize(2);
        List<String> windows = new ArrayList<>(files.values());
        assertThat(windows.get(0)).contains("\"n\"").doesNotContain("\"old\"");
        assertThat(windows.get(1)).contains("\"other\"").doesNotContain("\"n\"");
    }

    @Test
    void aRestoreBetweenTheTwoSettlesItTheSameWay() throws Exception {
        Map<String, String> expected = uninterrupted();
        for (boolean closeDone : new boolean[] {false, true}) {
            OperatorSubtaskState snapshot;
            List<WindowFileLine> before;
            try (var h = harness()) {
                h.open();
                feed(h, beforeTheBoundary());
                feed(h, firstOfNextWindow());
                if (closeDone) {
                    runCloses(h, 1);
                }
                before = new ArrayList<>(h.extractOutputValues());
                assertThat(before).as("close done: %s", closeDone).hasSize(closeDone ? 3 : 0);
                snapshot = h.snapshot(1, 1);
            }
            try (var restored = harness()) {
                restored.initializeState(snapshot);
                restored.open();
                feed(restored, theCreate());
                restored.processWatermark(new Watermark((T + 10) * 1000 - 1));
                runCloses(restored, 2000);
                List<WindowFileLine> all = new ArrayList<>(before);
                all.addAll(restored.extractOutputValues());
                assertThat(manifests(all)).as("close done: %s", closeDone).isEqualTo(expected);
            }
        }
    }
}
