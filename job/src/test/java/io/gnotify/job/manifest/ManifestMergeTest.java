package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import io.gnotify.job.WindowGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Merging is the same as having had bigger windows: the job runs on a fixture with 5 s windows and again
 * with 60 s windows; merging each run of twelve 5 s manifests gives exactly the 60 s manifest's entries, in
 * the same order, through the directory renames, swaps, hard links and deletes of the workload.
 */
class ManifestMergeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static List<ManifestFile> run(String fixture, Path dir, long windowSeconds) throws Exception {
        JobSettings base = FixtureVolumes.settings(fixture, dir.resolve("out"));
        JobSettings s = new JobSettings(base.volume(), base.brickMap(), base.output(), new WindowGrid(windowSeconds), true,
                base.start(), base.dedupHorizon(), false, base.pollInterval(), base.brickDownTimeout(), base.maxBrickDrift(),
                new SnapshotNameOwners(fixture));
        StreamExecutionEnvironment env = FixtureVolumes.env(2, dir.resolve("cp"));
        VolumePipeline.build(env, s);
        env.execute(fixture + " " + windowSeconds + "s");
        List<ManifestFile> out = new ArrayList<>();
        for (Path f : ManifestFile.list(dir.resolve("out").resolve(s.volume().name()).resolve(ManifestFormat.DIRECTORY))) {
            out.add(ManifestFile.read(f));
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dr22-ascii", "dist2-binary"})
    void twelveFiveSecondWindowsMergeIntoTheMinuteWindow(String fixture, @TempDir Path tmp) throws Exception {
        List<ManifestFile> small = run(fixture, tmp.resolve("5s"), 5);
        Map<Long, ManifestFile> minutes = new TreeMap<>();
        run(fixture, tmp.resolve("60s"), 60).forEach(m -> minutes.put(m.window().windowStart(), m));
        int compared = 0;
        int entries = 0;
        for (ManifestFile minute : minutes.values()) {
            ManifestMerge merge = new ManifestMerge();
            int windows = 0;
            for (ManifestFile m : small) {
                if (m.window().windowStart() >= minute.window().windowStart() && m.window().windowEnd() <= minute.window().windowEnd()) {
                    merge.add(m.entries());
                    windows++;
                }
            }
            if (windows < 12) {
                continue; // the first and last minute are partly outside the journals
            }
            assertThat(merge.entries().stream().map(e -> e.gfid() + " " + e).toList())
                    .as("minute %d", minute.window().windowStart())
                    .containsExactlyElementsOf(minute.entries().stream().map(e -> e.gfid() + " " + e).toList());
            compared++;
            entries += minute.entries().size();
        }
        assertThat(compared).isGreaterThanOrEqualTo(1);
        assertThat(entries).isGreaterThan(1000);
    }
}
