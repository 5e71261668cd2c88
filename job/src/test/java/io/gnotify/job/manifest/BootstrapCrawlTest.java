package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.crawl.VolumeBackend;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import io.gnotify.job.WindowGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --bootstrap crawl} on a 2x2 volume that already holds data: the crawl of all four bricks becomes
 * one full manifest listing every name once (replica copies and the directories on both subvolumes are
 * removed like journal copies), and the chain continues from the crawl's window.
 */
class BootstrapCrawlTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void aFullManifestOfEverythingThenTheJournals(@TempDir Path tmp) throws Exception {
        List<Path> bricks = new ArrayList<>();
        List<Brick> infos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Path b = tmp.resolve("bricks/b" + (i + 1));
            Files.createDirectories(b.resolve(".glusterfs/changelogs/htime"));
            Files.createFile(b.resolve(".glusterfs/changelogs/htime/HTIME.1795500000"));
            bricks.add(b);
            infos.add(new Brick(i, i / 2, "vm", "/srv/gl/boot/b" + (i + 1), false));
        }
        VolumeBackend v = new VolumeBackend(bricks, 2);
        v.dir("proj");
        v.dir("proj/sub");
        v.file("proj/a.txt", 0, "a");
        v.file("proj/sub/b.bin", 1, "b");
        v.file("top with space", 1, "c");
        v.link("proj/a.txt", "proj/sub/a-link");
        v.symlink("proj/s", 0, "a.txt");

        VolumeInfo volume = new VolumeInfo("boot", "0b00", "Distributed-Replicate", 2, 0, infos);
        JobSettings s = new JobSettings(volume, BrickMap.of(List.of("/srv/gl/boot=" + tmp.resolve("bricks"))),
                tmp.resolve("out"), new WindowGrid(60), true, StartPosition.crawl(), Duration.ofMinutes(5), false,
                Duration.ofMillis(50), Duration.ofSeconds(60), Duration.ofSeconds(30), null);
        StreamExecutionEnvironment env = FixtureVolumes.env(2, tmp.resolve("cp"));
        long before = System.currentTimeMillis() / 1000;
        VolumePipeline.build(env, s);
        env.execute("bootstrap");

        List<Path> files = ManifestFile.list(tmp.resolve("out/boot/manifests"));
        assertThat(files).isNotEmpty();
        ManifestFile full = ManifestFile.read(files.get(0));
        assertThat(full.window().full()).isTrue();
        assertThat(full.window().seq()).isEqualTo(1);
        assertThat(full.window().windowStart()).isZero();
        assertThat(full.window().windowEnd()).isBetween(new WindowGrid(60).start(before), before + 60);
        assertThat(files.get(0).getFileName().toString()).isEqualTo("0000000000-" + full.window().windowEnd() + ".jsonl");
        Map<String, String> listed = new TreeMap<>();
        for (ManifestEntry e : full.entries()) {
            assertThat(e.op()).isEqualTo(ManifestEntry.Op.NEW);
            assertThat(listed.put(new String(e.path(), java.nio.charset.StandardCharsets.UTF_8),
                    NamespaceSnapshot.letter(e.type()) + " " + e.gfid()))
                    .as("listed once").isNull();
        }
        assertThat(listed).isEqualTo(v.namespace());
        // Parents before children, so the full manifest replays on an empty directory as it stands.
        PathModel copy = new PathModel();
        ReplayPlan.of(full.entries()).forEach(copy::apply);
        assertThat(copy.paths).isEqualTo(v.namespace());
        List<ManifestChain.Manifest> chain = new ArrayList<>();
        for (Path f : files) {
            chain.add(new ManifestChain.Manifest(f.getFileName().toString(), Files.readAllBytes(f)));
        }
        assertThat(ManifestChain.verify(chain)).isEmpty();
    }
}
