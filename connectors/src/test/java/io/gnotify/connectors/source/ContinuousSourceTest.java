package io.gnotify.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.SourceTestSupport.CollectingSink;
import io.gnotify.connectors.source.SourceTestSupport.WatermarkProbe;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Continuous mode: bricks that roll over while the job runs, watermarks, down bricks, savepoints. */
class ContinuousSourceTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static StreamExecutionEnvironment env(Path checkpoints, String restoreFrom) {
        StreamExecutionEnvironment env = SourceTestSupport.rocksDbEnv(2, checkpoints, restoreFrom);
        env.enableCheckpointing(200);
        return env;
    }

    static BrickJournalSource source(String fixture, LiveVolume live, Duration downTimeout) throws Exception {
        return builder(fixture, live, downTimeout).build();
    }

    static BrickJournalSourceBuilder builder(String fixture, LiveVolume live, Duration downTimeout) throws Exception {
        VolumeInfo volume = VolumeInfo.parse(Fixtures.fixture(fixture).resolve("volume-info.xml"), null);
        String from = volume.bricks().get(0).path().replaceAll("/b1$", "");
        return BrickJournalSource.builder().volume(volume).brickMap(BrickMap.of(List.of(from + "=" + live.bricks)))
                .continuous().pollInterval(Duration.ofMillis(20)).brickDownTimeout(downTimeout)
                .livenessCheckInterval(Duration.ofMillis(100));
    }

    /**
     * Journals copied in one rollover at a time all arrive; the watermark follows the copies; when one
     * replica stops rolling over the watermark waits for it until it is declared down, then the other
     * replica carries the subvolume; when it comes back its records still arrive.
     */
    @Test
    void followsRolloversAndLetsALiveReplicaCarryADownOne(@TempDir Path tmp) throws Exception {
        LiveVolume live = new LiveVolume("rep2-ascii", tmp);
        WatermarkProbe.WATERMARK.set(Long.MIN_VALUE);
        StreamExecutionEnvironment env = env(tmp.resolve("cp"), null);
        env.fromSource(source("rep2-ascii", live, Duration.ofMillis(1500)), SourceTestSupport.watermarks(), "bricks")
                .transform("probe", BrickRecordSerializer.TYPE, new WatermarkProbe()).setParallelism(1)
                .sinkTo(new CollectingSink<>("live")).setParallelism(1);
        JobClient job = env.executeAsync("live");
        try {
            // Phase 1: both replicas roll over in step; the watermark follows.
            long half = live.timestamp(0, live.entries(0) / 2);
            for (long ts = live.timestamp(0, 0); ts <= half; ts += 5) {
                live.rolloverUntil(ts, 0, 1);
                long expected = minFed(live) * 1000 - 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> WatermarkProbe.WATERMARK.get() >= expected);
            }
            long b2Last = live.timestamp(1, live.fed(1) - 1);

            // Phase 2: b2 stops rolling over while b1 keeps rolling over (real bricks do, even when idle).
            // The watermark waits for b2 until it is declared down (1.5 s), then b1 carries the subvolume.
            long b1Last = live.timestamp(0, live.entries(0) - 1);
            long stoppedAt = System.currentTimeMillis();
            while (live.fed(0) < live.entries(0)) {
                live.rollover(0);
                if (System.currentTimeMillis() - stoppedAt < 1000) {
                    assertThat(WatermarkProbe.WATERMARK.get()).isLessThanOrEqualTo(b2Last * 1000 - 1);
                }
                Thread.sleep(40);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> WatermarkProbe.WATERMARK.get() >= b1Last * 1000 - 1);

            // Phase 3: b2 comes back; its records still arrive, all in order.
            live.rolloverUntil(Long.MAX_VALUE, 1);
            int total = SourceTestSupport.expectedFixture("rep2-ascii").values().stream().mapToInt(List::size).sum();
            await().atMost(Duration.ofSeconds(30)).until(() -> SourceTestSupport.recordCount(CollectingSink.queue("live")) >= total);
            Thread.sleep(200);
            List<BrickRecord> got = new ArrayList<>(CollectingSink.<BrickRecord>queue("live"));
            assertThat(SourceTestSupport.byBrick(got)).isEqualTo(SourceTestSupport.expectedFixture("rep2-ascii"));
            // b2 was announced DOWN at its last rollover before the stop, and every rollover still has a marker.
            List<String> b2 = SourceTestSupport.markersByBrick(got).get(1);
            assertThat(b2).contains(b2Last + " DOWN");
            assertThat(b2.stream().filter(m -> !m.endsWith("DOWN")).toList())
                    .isEqualTo(SourceTestSupport.expectedMarkers(live.bricks.resolve("b2")));
        } finally {
            job.cancel().get();
        }
    }

    /**
     * On a distribute volume (each brick its own subvolume) a brick that stops rolling over holds the watermark
     * for the down timeout plus the subvolume gap timeout; then it is announced UNCOVERED at its last rollover
     * and the other subvolume carries time on alone. Its records still arrive when it comes back.
     */
    @Test
    void aWholeSubvolumeDownIsReleasedAsAGapAfterTheGapTimeout(@TempDir Path tmp) throws Exception {
        LiveVolume live = new LiveVolume("dist2-ascii", tmp);
        WatermarkProbe.WATERMARK.set(Long.MIN_VALUE);
        StreamExecutionEnvironment env = env(tmp.resolve("cp"), null);
        BrickJournalSource source = builder("dist2-ascii", live, Duration.ofMillis(1000))
                .subvolumeGapTimeout(Duration.ofMillis(1500)).build();
        env.fromSource(source, SourceTestSupport.watermarks(), "bricks")
                .transform("probe", BrickRecordSerializer.TYPE, new WatermarkProbe()).setParallelism(1)
                .sinkTo(new CollectingSink<>("uncovered")).setParallelism(1);
        JobClient job = env.executeAsync("uncovered");
        try {
            long half = live.timestamp(0, live.entries(0) / 2);
            live.rolloverUntil(half, 0, 1);
            long b2Last = live.timestamp(1, live.fed(1) - 1);
            await().atMost(Duration.ofSeconds(20)).until(() -> WatermarkProbe.WATERMARK.get() >= minFed(live) * 1000 - 1);

            // b2 stops; b1 keeps rolling over. For 2 s (less than 1 s down + 1.5 s gap) time waits for b2.
            long b1Last = live.timestamp(0, live.entries(0) - 1);
            long stoppedAt = System.currentTimeMillis();
            while (live.fed(0) < live.entries(0) || System.currentTimeMillis() - stoppedAt < 2000) {
                if (live.fed(0) < live.entries(0)) {
                    live.rollover(0);
                }
                if (System.currentTimeMillis() - stoppedAt < 2000) {
                    assertThat(WatermarkProbe.WATERMARK.get()).isLessThanOrEqualTo(b2Last * 1000 - 1);
                }
                Thread.sleep(40);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> WatermarkProbe.WATERMARK.get() >= b1Last * 1000 - 1);

            // b2 comes back: its records still arrive (downstream decides what a late record means).
            live.rolloverUntil(Long.MAX_VALUE, 1);
            int total = SourceTestSupport.expectedFixture("dist2-ascii").values().stream().mapToInt(List::size).sum();
            await().atMost(Duration.ofSeconds(30)).until(() -> SourceTestSupport.recordCount(CollectingSink.queue("uncovered")) >= total);
            Thread.sleep(200);
            List<BrickRecord> got = new ArrayList<>(CollectingSink.<BrickRecord>queue("uncovered"));
            assertThat(SourceTestSupport.byBrick(got)).isEqualTo(SourceTestSupport.expectedFixture("dist2-ascii"));
            List<String> b2 = SourceTestSupport.markersByBrick(got).get(1);
            assertThat(b2).contains(b2Last + " UNCOVERED").noneMatch(m -> m.endsWith("DOWN"));
            assertThat(SourceTestSupport.markersByBrick(got).get(0)).noneMatch(m -> m.endsWith("UNCOVERED"));
        } finally {
            job.cancel().get();
        }
    }

    private static long minFed(LiveVolume live) {
        return Math.min(live.timestamp(0, live.fed(0) - 1), live.timestamp(1, live.fed(1) - 1));
    }

    /** Stop with a savepoint in the middle of journals, restore, and the two runs together read everything once. */
    @Test
    void stopWithSavepointAndRestoreContinuesExactly(@TempDir Path tmp) throws Exception {
        LiveVolume live = new LiveVolume("dist2-ascii", tmp);
        live.rolloverUntil(Long.MAX_VALUE, 0, 1);

        StreamExecutionEnvironment first = env(tmp.resolve("cp1"), null);
        build(first, live, "sp1");
        JobClient job1 = first.executeAsync("first");
        await().atMost(Duration.ofSeconds(30)).until(() -> SourceTestSupport.recordCount(CollectingSink.queue("sp1")) > 1000);
        String savepoint = job1.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        long firstCount = SourceTestSupport.recordCount(CollectingSink.queue("sp1"));

        StreamExecutionEnvironment second = env(tmp.resolve("cp2"), savepoint);
        build(second, live, "sp2");
        JobClient job2 = second.executeAsync("second");
        int total = SourceTestSupport.expectedFixture("dist2-ascii").values().stream().mapToInt(List::size).sum();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> firstCount + SourceTestSupport.recordCount(CollectingSink.queue("sp2")) >= total);
            Thread.sleep(300);
        } finally {
            job2.cancel().get();
        }
        assertThat(firstCount).isLessThan(total);
        List<BrickRecord> all = new ArrayList<>(CollectingSink.<BrickRecord>queue("sp1"));
        all.addAll(CollectingSink.<BrickRecord>queue("sp2"));
        assertThat(SourceTestSupport.byBrick(all)).isEqualTo(SourceTestSupport.expectedFixture("dist2-ascii"));
    }

    private static void build(StreamExecutionEnvironment env, LiveVolume live, String sink) throws Exception {
        env.fromSource(source("dist2-ascii", live, Duration.ofMinutes(5)), SourceTestSupport.watermarks(), "bricks")
                .uid("bricks")
                .map(new Slow()).returns(BrickRecordSerializer.TYPE).uid("slow")
                .sinkTo(new CollectingSink<>(sink)).uid("sink");
    }

    /** About 1 ms per record, so the savepoint lands mid-journal. */
    static final class Slow implements MapFunction<BrickRecord, BrickRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public BrickRecord map(BrickRecord r) throws Exception {
            Thread.sleep(0, 500_000);
            return r;
        }
    }
}
