package io.gnotify.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.sink.FaultyWindowFileSink;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.BrickRecordSerializer;
import io.gnotify.connectors.source.SourceTestSupport.FailOnce;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything the job writes (manifests with their side files, and events) is byte-identical whatever the
 * parallelism, after a failure in the middle of the stream, and after a failure at each point of the sink's
 * commit protocol: before the writer hands over finished files, right after (files synced, checkpoint not
 * complete), and in the committer between two renames.
 */
class OutputDeterminismTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path shared;
    static Map<String, byte[]> reference;

    @BeforeAll
    static void cleanRun() throws Exception {
        reference = run(1, shared.resolve("p1"), UnaryOperator.identity(), null);
    }

    /** Runs dr22 and returns every file under the output directory (relative name to bytes). */
    static Map<String, byte[]> run(int parallelism, Path dir, UnaryOperator<DataStream<BrickRecord>> tap,
            FaultyWindowFileSink.Point fault) throws Exception {
        JobSettings s = FixtureVolumes.settings("dr22-ascii", dir.resolve("out"));
        StreamExecutionEnvironment env = FixtureVolumes.env(parallelism, dir.resolve("cp"));
        VolumePipeline.Outputs outputs = VolumePipeline.outputs(env, s, tap);
        outputs.analytics().sinkTo(new io.gnotify.connectors.sink.WindowFileSink(s.output())).setParallelism(1);
        outputs.events().sinkTo(new io.gnotify.connectors.sink.WindowFileSink(s.output())).setParallelism(1);
        DataStream<io.gnotify.connectors.sink.WindowFileLine> files = outputs.manifests();
        if (fault == null) {
            files.sinkTo(new io.gnotify.connectors.sink.WindowFileSink(s.output())).setParallelism(1);
        } else {
            files.sinkTo(new FaultyWindowFileSink(s.output(), fault, 6)).setParallelism(1);
        }
        env.execute("dr22");
        return FixtureVolumes.files(dir.resolve("out"));
    }

    @Test
    void theCleanRunWritesEveryWindowsManifestEventsAndAnalytics() {
        assertThat(reference.keySet()).allMatch(n -> n.startsWith("dr22/events/") && n.endsWith(".jsonl")
                || n.startsWith("dr22/manifests/") && n.matches(".*/\\d{10}-\\d{10}\\.(jsonl|glusterfind\\.txt|paths0)")
                || n.matches("dr22/analytics/\\d{10}-\\d{10}\\.json"));
        assertThat(reference.keySet()).filteredOn(n -> n.startsWith("dr22/manifests/")).hasSize(3 * 31);
        assertThat(reference.keySet()).filteredOn(n -> n.startsWith("dr22/analytics/")).hasSize(31);
        assertThat(reference.keySet()).filteredOn(n -> n.startsWith("dr22/events/")).hasSize(21);
    }

    @Test
    void sameFilesAtParallelismTwoAndFour(@TempDir Path tmp) throws Exception {
        for (int p : new int[] {2, 4}) {
            assertSame(run(p, tmp.resolve("p" + p), UnaryOperator.identity(), null));
        }
    }

    @Test
    void sameFilesAfterAFailureInTheStream(@TempDir Path tmp) throws Exception {
        FailOnce.FAILED.set(false);
        FailOnce.COMPLETED.set(0);
        Map<String, byte[]> failed = run(2, tmp, copies -> copies.map(new FailOnce(20))
                .returns(BrickRecordSerializer.TYPE).uid("fail-once"), null);
        assertThat(FailOnce.FAILED).isTrue();
        assertSame(failed);
    }

    @ParameterizedTest
    @EnumSource(FaultyWindowFileSink.Point.class)
    void sameFilesAfterAFailureInTheSink(FaultyWindowFileSink.Point point, @TempDir Path tmp) throws Exception {
        Map<String, byte[]> failed = run(2, tmp, copies -> copies.map(new Slow()).returns(BrickRecordSerializer.TYPE)
                .uid("slow"), point);
        assertThat(FaultyWindowFileSink.FAILED).as("the failure was injected").isTrue();
        assertSame(failed);
    }

    private static void assertSame(Map<String, byte[]> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(reference.keySet());
        reference.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }

    /** Sleeps 1 ms every 20 records, so checkpoints (every 100 ms) complete while the journals are read. */
    static final class Slow implements MapFunction<BrickRecord, BrickRecord> {
        private static final long serialVersionUID = 1L;
        private long seen;

        @Override
        public BrickRecord map(BrickRecord r) throws Exception {
            if (++seen % 20 == 0) {
                Thread.sleep(1);
            }
            return r;
        }
    }
}
