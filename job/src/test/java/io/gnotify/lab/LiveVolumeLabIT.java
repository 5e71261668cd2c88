package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gnotify against a real GlusterFS 2x2 volume, as an operator runs it: data is written before gnotify starts,
 * {@code ./gnotify run --bootstrap crawl} follows the bricks in continuous mode while a workload renames,
 * rewrites and deletes on the FUSE mount, is killed with SIGKILL in the middle and started again, and
 * {@code ./gnotify apply} brings a backup directory forward window by window (once after the bootstrap,
 * once at the end). The backup then equals the volume: every path, type, mode, owner, size, content and
 * symlink target.
 */
class LiveVolumeLabIT {
    static final String VOLUME = "gnlab";

    @Test
    void aBackupFollowsTheLiveVolumeThroughABootstrapAndAKill(@TempDir Path temp) throws Exception {
        LabGluster.withVolume(VOLUME, temp, "dr22", List.of("populate", "edge"), (lab, tmp, out, manifests) -> {
            String[] run = lab.continuousRun(out, tmp.resolve("state"));
            Process gnotify = lab.startGnotify("run", run);
            try {
                LabGluster.awaitManifests(manifests, 2);
                ManifestFile full = ManifestFile.read(ManifestFile.list(manifests).get(0));
                assertThat(full.window().full()).isTrue();
                assertThat(full.entries()).hasSizeGreaterThan(200);

                Path backup = tmp.resolve("backup");
                assertThat(apply(lab, manifests, backup)).isZero();
                assertSame(lab.mount(), backup);

                lab.lab("workload", VOLUME, "mutate");
                gnotify.destroyForcibly().waitFor();
                assertThat(gnotify.exitValue()).isEqualTo(137);
                gnotify = lab.startGnotify("run", run);
                lab.lab("workload", VOLUME, "churn");
                long end = System.currentTimeMillis() / 1000 + 1;
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    List<Path> files = ManifestFile.list(manifests);
                    return ManifestFile.read(files.get(files.size() - 1)).window().windowStart() >= end + 4;
                });
                gnotify.destroy();
                gnotify.waitFor();

                assertThat(lab.gnotify("verify", "verify", out.toString())).as(lab.log("verify")).isZero();
                assertThat(lab.log("run")).contains("gnotify: resuming from");
                assertThat(apply(lab, manifests, backup)).as(lab.log("apply")).isZero();
                assertSame(lab.mount(), backup);
            } finally {
                gnotify.destroyForcibly();
            }
        });
    }

    /** {@code ./gnotify apply} of {@code manifests} onto {@code backup}, copying from the lab's mount; its exit code. */
    static int apply(LabGluster lab, Path manifests, Path backup) throws Exception {
        return lab.gnotify("apply", "apply", "--manifests", manifests.toString(), "--source", lab.mount().toString(),
                "--target", backup.toString());
    }

    static void assertSame(Path volume, Path backup) throws Exception {
        Map<String, String> want = TreeSnapshot.of(volume);
        Map<String, String> got = TreeSnapshot.of(backup);
        Map<String, String> differences = new TreeMap<>();
        for (String p : want.keySet()) {
            if (!want.get(p).equals(got.get(p))) {
                differences.put(p, "volume " + want.get(p) + " / backup " + got.get(p));
            }
        }
        for (String p : got.keySet()) {
            if (!want.containsKey(p)) {
                differences.put(p, "only in the backup: " + got.get(p));
            }
        }
        assertThat(differences).as("backup vs volume (%d paths)", want.size()).isEmpty();
        assertThat(want).hasSizeGreaterThan(200);
    }
}
