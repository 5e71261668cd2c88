package io.gnotify.connectors.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.source.split.BrickCursor;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.source.split.BrickSplitState;
import io.gnotify.connectors.volume.Brick;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** What the emitter does with a restored split's position. */
class BrickRecordEmitterTest {
    @Test
    void aResumedSplitSetsItsWatermarkAndReportsItsBrickToTheEnumerator() {
        Brick brick = new Brick(1, 0, "vm", "/srv/gl/dr22/b2", false);
        BrickStatusBoard board = new BrickStatusBoard();
        BrickMetrics metrics = new BrickMetrics(new UnregisteredMetricsGroup(), brick.id(), board, new BrickProblemReporter());
        List<String> reports = new ArrayList<>();
        BrickRecordEmitter emitter = new BrickRecordEmitter(Map.of(brick.id(), metrics), (b, ts) -> reports.add(b + "@" + ts));
        BrickCursor at = new BrickCursor(1795500683, 12, 0, 1795500700, -1, -1);
        BrickSplitState state = new BrickSplitState(new BrickSplit(brick, "/tmp/b2", StartPosition.earliest(), false, at));
        List<Long> watermarks = new ArrayList<>();

        emitter.emitRecord(BrickElement.resumed(at), new SourceOutput<BrickRecord>() {
            public void collect(BrickRecord r) {}

            public void collect(BrickRecord r, long ts) {}

            public void emitWatermark(Watermark w) {
                watermarks.add(w.getTimestamp());
            }

            public void markIdle() {}

            public void markActive() {}
        }, state);

        assertThat(watermarks).containsExactly(1795500700L * 1000 - 1);
        assertThat(reports).containsExactly(brick.id() + "@1795500700");
    }
}
