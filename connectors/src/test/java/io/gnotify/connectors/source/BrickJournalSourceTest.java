package io.gnotify.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeGenerator;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeSpec;
import io.gnotify.connectors.source.SourceTestSupport.FailOnce;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The brick-journal source on a MiniCluster with RocksDB and checkpoints: completeness, order, exactly-once. */
class BrickJournalSourceTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static StreamExecutionEnvironment env(int parallelism, Path checkpoints) {
        return SourceTestSupport.rocksDbEnv(parallelism, checkpoints, null);
    }

    static BrickJournalSource fixtureSource(String fixture) throws Exception {
        VolumeInfo volume = VolumeInfo.parse(Fixtures.fixture(fixture).resolve("volume-info.xml"), null);
        String from = volume.bricks().get(0).path().replaceAll("/b1$", "");
        return BrickJournalSource.builder().volume(volume)
                .brickMap(BrickMap.of(List.of(from + "=" + Fixtures.fixture(fixture).resolve("bricks"))))
                .bounded().build();
    }

    static Stream<Arguments> fixturesAndParallelism() {
        List<Arguments> out = new ArrayList<>();
        for (String f : List.of("single-tiny", "dist2-ascii", "dist2-binary", "rep2-ascii", "dr22-ascii")) {
            out.add(Arguments.of(f, 2));
        }
        out.add(Arguments.of("dr22-ascii", 1));
        out.add(Arguments.of("dr22-ascii", 4));
        return out.stream();
    }

    /** Every fixture is read completely; per brick the records arrive in journal order, at parallelism 1, 2 and 4. */
    @ParameterizedTest(name = "{0} at parallelism {1}")
    @MethodSource("fixturesAndParallelism")
    void readsEveryBrickCompletelyInJournalOrder(String fixture, int parallelism, @TempDir Path tmp) throws Exception {
        StreamExecutionEnvironment env = env(parallelism, tmp);
        List<BrickRecord> got = new ArrayList<>();
        try (CloseableIterator<BrickRecord> it = env.fromSource(fixtureSource(fixture), SourceTestSupport.watermarks(),
                "bricks").executeAndCollect(fixture)) {
            it.forEachRemaining(got::add);
        }
        assertThat(SourceTestSupport.byBrick(got)).isEqualTo(SourceTestSupport.expectedFixture(fixture));
        Map<Integer, List<String>> markers = SourceTestSupport.markersByBrick(got);
        List<String> bricks = Fixtures.bricks(fixture);
        for (int b = 0; b < bricks.size(); b++) {
            assertThat(markers.get(b)).as("rollover markers of %s", bricks.get(b))
                    .isEqualTo(SourceTestSupport.expectedMarkers(Fixtures.brick(fixture, bricks.get(b))));
        }
    }

    /**
     * A failure after two completed checkpoints: the job restarts from the checkpointed cursors and the
     * per-brick sequences equal the failure-free ones exactly (none lost, none repeated).
     */
    @Test
    void recoversFromAFailureWithoutLossOrRepeats(@TempDir Path tmp) throws Exception {
        Path volumeDir = tmp.resolve("volume");
        SyntheticVolumeGenerator.generate(SyntheticVolumeSpec.builder().layout(2, 2).targetRecords(120_000)
                .rolloverSeconds(1).opsPerSecond(3_000).seed(11).build(), volumeDir, (b, ts, r) -> {});
        VolumeInfo volume = VolumeInfo.parse(volumeDir.resolve("volume-info.xml"), null);
        BrickJournalSource source = BrickJournalSource.builder().volume(volume)
                .brickMap(BrickMap.of(List.of("/srv/gl/syn=" + volumeDir.resolve("bricks")))).bounded().build();
        FailOnce.FAILED.set(false);
        FailOnce.COMPLETED.set(0);

        StreamExecutionEnvironment env = env(2, tmp.resolve("checkpoints"));
        List<BrickRecord> got = new ArrayList<>();
        try (CloseableIterator<BrickRecord> it = env.fromSource(source, SourceTestSupport.watermarks(), "bricks")
                .map(new FailOnce(200)).returns(BrickRecordSerializer.TYPE).executeAndCollect("failover")) {
            it.forEachRemaining(got::add);
        }

        assertThat(FailOnce.FAILED).isTrue();
        Map<Integer, List<JournalRecord>> expected = SourceTestSupport.expected(Map.of(
                0, journals(volumeDir, "b1"), 1, journals(volumeDir, "b2"), 2, journals(volumeDir, "b3"), 3, journals(volumeDir, "b4")));
        assertThat(SourceTestSupport.byBrick(got)).isEqualTo(expected);
    }

    static List<Path> journals(Path volumeDir, String brick) throws Exception {
        try (Stream<Path> s = java.nio.file.Files.walk(volumeDir.resolve("bricks").resolve(brick))) {
            return s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d{10}")).sorted().toList();
        }
    }

    /**
     * Bad input never stops the job: a corrupted record, a journal with a broken header and a purged journal
     * on one brick are skipped and reported, and every valid record of every other journal still arrives.
     */
    @Test
    void badJournalsAreSkippedAndEverythingValidArrives(@TempDir Path tmp) throws Exception {
        List<JournalRecord> expected = SourceTestSupport.badSingleTinyBrick(tmp.resolve("bricks/b1"));
        BrickJournalSource source = SourceTestSupport.boundedSingleTiny(tmp.resolve("bricks"));
        List<BrickRecord> got = new ArrayList<>();
        try (CloseableIterator<BrickRecord> it = env(1, tmp.resolve("cp")).fromSource(source, SourceTestSupport.watermarks(),
                "bricks").executeAndCollect("bad input")) {
            it.forEachRemaining(got::add);
        }
        assertThat(SourceTestSupport.byBrick(got)).isEqualTo(Map.of(0, expected));
        assertThat(expected).hasSizeGreaterThan(100);
        // The journal with the broken header and the purged one are gaps; the corrupted one was still read.
        List<String> markers = SourceTestSupport.markersByBrick(got).get(0);
        List<String> journals = SourceTestSupport.expectedMarkers(tmp.resolve("bricks/b1"));
        assertThat(markers).hasSameSizeAs(journals);
        List<Long> journalTs = journals.stream().filter(j -> j.endsWith("JOURNAL")).map(j -> Long.parseLong(j.split(" ")[0])).toList();
        assertThat(markers.get(journals.indexOf(journalTs.get(1) + " JOURNAL"))).isEqualTo(journalTs.get(1) + " JOURNAL");
        assertThat(markers.get(journals.indexOf(journalTs.get(2) + " JOURNAL"))).isEqualTo(journalTs.get(2) + " GAP");
        assertThat(markers.stream().filter(m -> m.endsWith("GAP"))).containsExactly(journalTs.get(2) + " GAP",
                journalTs.get(3) + " GAP");
    }
}
