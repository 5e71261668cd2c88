package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.source.SourceTestSupport.FailOnce;
import io.gnotify.connectors.source.BrickRecordSerializer;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The event and manifest files are byte-identical whatever the parallelism, and across a failure and restore. */
class EventFilesDeterminismTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static Map<String, byte[]> run(String fixture, int parallelism, Path dir, boolean fail) throws Exception {
        JobSettings s = FixtureVolumes.settings(fixture, dir.resolve("out"));
        StreamExecutionEnvironment env = FixtureVolumes.env(parallelism, dir.resolve("cp"));
        VolumePipeline.build(env, s, fail
                ? copies -> copies.map(new FailOnce(20)).returns(BrickRecordSerializer.TYPE).uid("fail-once")
                : copies -> copies);
        env.execute(fixture);
        return files(dir.resolve("out"));
    }

    /** Every file under {@code dir} (relative name to bytes), hidden in-progress files included. */
    static Map<String, byte[]> files(Path dir) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @Test
    void sameFilesAtParallelismOneTwoAndFourAndAfterAFailure(@TempDir Path tmp) throws Exception {
        Map<String, byte[]> reference = run("dr22-ascii", 1, tmp.resolve("p1"), false);
        assertThat(reference).hasSizeGreaterThan(20);
        assertThat(reference.keySet()).allMatch(n -> n.startsWith("dr22/events/") && n.endsWith(".jsonl")
                || n.startsWith("dr22/manifests/") && n.matches(".*/\\d{10}-\\d{10}\\.(jsonl|glusterfind\\.txt|paths0)"));
        assertThat(reference.keySet()).filteredOn(n -> n.startsWith("dr22/manifests/")).hasSizeGreaterThan(60);
        for (int p : new int[] {2, 4}) {
            assertSame(reference, run("dr22-ascii", p, tmp.resolve("p" + p), false));
        }
        FailOnce.FAILED.set(false);
        FailOnce.COMPLETED.set(0);
        Map<String, byte[]> failed = run("dr22-ascii", 2, tmp.resolve("failed"), true);
        assertThat(FailOnce.FAILED).isTrue();
        assertSame(reference, failed);
    }

    private static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, bytes) -> assertThat(actual.get(name)).as(name).isEqualTo(bytes));
    }

}
