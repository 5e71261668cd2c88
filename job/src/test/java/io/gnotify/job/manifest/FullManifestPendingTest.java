package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.b;
import static io.gnotify.job.manifest.WindowDiffTest.entry;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.analytics.AnalyticsSettings;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * A catch-up run stops once the bootstrap's full manifest is no longer pending: that must mean published and its
 * committing watermark passed on, not merely that its close (which runs in steps) has begun.
 */
class FullManifestPendingTest {
    private static final long CRAWL = 1_795_500_003L;
    private static final VolumeInfo VOLUME = new VolumeInfo("v", "id", "Distribute", 1, 0,
            List.of(new Brick(0, 0, "h", "/b1", false)));

    @Test
    void theFullManifestIsPendingUntilItIsOutAndItsWatermarkFollowed() throws Exception {
        var op = new ManifestWindowOperator(VOLUME, new WindowGrid(60), true, null, AnalyticsSettings.DEFAULT);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(op, new NamespaceKey(), NamespaceKey.TYPE)) {
            h.setup();
            h.open();
            assertThat(op.fullManifestPending()).isTrue();
            for (int i = 0; i < 200; i++) {
                // The crawl's records all carry the crawl second.
                h.processElement(new VolumeEvent(i + 1, CRAWL, 0, i, new int[] {0},
                        entry(Fop.CREATE, g(100 + i), GfidKey.ROOT, b("f" + i)).modeOwner(0100644, 0, 0).build()),
                        CRAWL * 1000);
            }
            // The watermark past the crawl second begins the close; its steps wait for the processing-time timer.
            h.processWatermark(new Watermark(CRAWL * 1000 + 999));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(op.fullManifestPending()).as("the close has begun, nothing is out yet").isTrue();
            for (long t = 1; t <= 1000; t++) {
                h.setProcessingTime(t);
            }
            assertThat(h.extractOutputValues()).extracting(WindowFileLine::file)
                    .anyMatch(f -> f.endsWith(ManifestFormat.MANIFEST_SUFFIX));
            assertThat(h.getOutput()).last().isInstanceOf(Watermark.class);
            assertThat(op.fullManifestPending()).isFalse();
        }
    }
}
