package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental backups of a real GlusterFS 2x2 volume as a cron job takes them: {@code ./gnotify run --catch-up
 * --bootstrap crawl} once, then {@code ./gnotify run --catch-up} after each of two workloads, each run followed
 * by {@code ./gnotify apply}, the last one with a replica brick dead since before its workload. Every run ends by
 * itself, the later ones resume the savepoint of the one before, and after each apply the backup equals the volume.
 */
class CatchUpLabIT {
    private static final String VOLUME = "gncatch";
    /** The lab's changelog rollover time (lab/gluster-lab.sh), and the runs' window. */
    private static final long ROLLOVER = 2;
    private static final long WINDOW = 5;
    private static final long DOWN_TIMEOUT = 8;

    @Test
    void nightlyCatchUpRunsKeepABackupEqualToTheVolume(@TempDir Path temp) throws Exception {
        LabGluster.withVolume(VOLUME, temp, "dr22", List.of("populate", "edge"), (lab, tmp, out, manifests) -> {
            Path backup = tmp.resolve("backup");
            String[] run = lab.continuousRun(out, tmp.resolve("state"), "--catch-up", "--brick-down-timeout",
                    DOWN_TIMEOUT + "s");

            assertThat(lab.gnotify("night1", run)).as(lab.log("night1")).isZero();
            List<Path> first = ManifestFile.list(manifests);
            assertThat(first).as(lab.log("night1")).isNotEmpty();
            assertThat(ManifestFile.read(first.get(0)).window().full()).isTrue();
            assertThat(LiveVolumeLabIT.apply(lab, manifests, backup)).as(lab.log("apply")).isZero();
            LiveVolumeLabIT.assertSame(lab.mount(), backup);

            lab.lab("workload", VOLUME, "mutate");
            awaitWindowComplete(LabGluster.nowSecond());
            nextNight(lab, run, manifests, backup, "night2");

            // A replica dies before the churn: the next night must not stop where it died. Its replica carries
            // the subvolume once the job has marked it down (after the down timeout), as a continuous run does.
            String dead = lab.brickPath("b2");
            lab.killBrick(dead);
            long killed = LabGluster.nowSecond();
            lab.lab("workload", VOLUME, "churn");
            long churned = LabGluster.nowSecond();
            awaitWindowComplete(Math.max(churned, killed + DOWN_TIMEOUT + 2));
            nextNight(lab, run, manifests, backup, "night3");
            List<ManifestFile> all = LabGluster.readManifests(manifests);
            assertThat(all.get(all.size() - 1).window().windowEnd()).isGreaterThan(churned);
            assertThat(all).anySatisfy(m -> assertThat(LabGluster.brickStatus(m, dead)).isEqualTo("down"));
            assertThat(lab.gnotify("verify", "verify", out.toString())).as(lab.log("verify")).isZero();
        });
    }

    /** Runs the next catch-up night: it resumes the savepoint before it and publishes more; the backup follows. */
    private static void nextNight(LabGluster lab, String[] run, Path manifests, Path backup, String log) throws Exception {
        int before = ManifestFile.list(manifests).size();
        assertThat(lab.gnotify(log, run)).as(lab.log(log)).isZero();
        assertThat(lab.log(log)).contains("gnotify: resuming from").contains("/savepoints/savepoint-")
                .contains("gnotify: caught up");
        assertThat(ManifestFile.list(manifests)).hasSizeGreaterThan(before);
        assertThat(LiveVolumeLabIT.apply(lab, manifests, backup)).as(lab.log("apply")).isZero();
        LiveVolumeLabIT.assertSame(lab.mount(), backup);
    }

    /**
     * Sleeps until the window holding second {@code t} has ended and every brick has rolled over after it, so a
     * catch-up run started then publishes that window.
     */
    static void awaitWindowComplete(long t) throws InterruptedException {
        long ready = (t / WINDOW + 1) * WINDOW + ROLLOVER + 1;
        while (LabGluster.nowSecond() <= ready) {
            Thread.sleep(200);
        }
    }
}
