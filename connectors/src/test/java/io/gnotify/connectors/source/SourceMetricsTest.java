package io.gnotify.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.JournalRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The per-brick source metrics, read from a metric reporter: records, bytes, problems, gaps, journal time. */
class SourceMetricsTest {
    static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void problemsAndProgressAreCountedPerBrick(@TempDir Path tmp) throws Exception {
        List<JournalRecord> expected = SourceTestSupport.badSingleTinyBrick(tmp.resolve("bricks/b1"));
        BrickJournalSource source = SourceTestSupport.boundedSingleTiny(tmp.resolve("bricks"));
        StreamExecutionEnvironment env = SourceTestSupport.rocksDbEnv(1, tmp.resolve("cp"), null);
        env.fromSource(source, SourceTestSupport.watermarks(), "bricks").sinkTo(new DiscardingSink<>());
        org.apache.flink.core.execution.JobClient client = env.executeAsync("metrics");
        client.getJobExecutionResult().get();
        JobID job = client.getJobID();

        Map<String, Metric> brick = REPORTER.findMetrics(job, "brick.vm:/srv/gl/tiny1/b1.");
        assertThat(value(brick, "recordsRead")).isEqualTo((long) expected.size());
        assertThat(value(brick, "problems")).isEqualTo(3L);
        assertThat(value(brick, "historyGaps")).isEqualTo(1L);
        assertThat(value(brick, "skippedBytes")).isEqualTo(93L + 51L + 0L + (long) (fileSize(2) - 51));
        assertThat(value(brick, "currentJournalTimestamp")).isEqualTo(1795500358L);
        assertThat(value(brick, "bytesRead")).isPositive();
    }

    private static long fileSize(int journal) throws Exception {
        return java.nio.file.Files.size(Fixtures.journals("single-tiny", "b1").get(journal));
    }

    private static long value(Map<String, Metric> metrics, String name) {
        Metric m = metrics.entrySet().stream().filter(e -> e.getKey().endsWith("." + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + metrics.keySet())).getValue();
        if (m instanceof Counter c) {
            return c.getCount();
        }
        return ((Number) ((Gauge<?>) m).getValue()).longValue();
    }
}
