package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.LiveVolume;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.manifest.ChainStatus;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full output disk: {@code ./gnotify run} writes to a 256 KB tmpfs that cannot hold dr22's manifests. The job
 * reports which file it cannot write, publishes nothing partial (every visible manifest is complete and the
 * visible ones form a verified chain), and once the tmpfs is grown it goes on by itself from its last checkpoint
 * and publishes every manifest, byte for byte those of a run with space. The same when the output file system
 * turns read-only (not full) in the middle of the run and writable again. Needs root (mount).
 */
class DiskFullLabIT {
    static final String[] COMMON = {"run", "--window", "5s", "--progress-interval", "0", "--volume-info",
        Fixtures.fixture("dr22-ascii").resolve("volume-info.xml").toString()};
    @Test
    void aFullDiskPublishesNothingPartialAndTheJobCatchesUpWhenSpaceIsBack(@TempDir Path temp) throws Exception {
        Path tmp = LabGluster.workDir(temp).resolve("full");
        LabGluster tools = new LabGluster("dr22", tmp.resolve("logs"), "1");
        LiveVolume live = new LiveVolume("dr22-ascii", tmp.resolve("live"));
        for (int b = 0; b < 4; b++) {
            while (live.fed(b) < live.entries(b)) {
                live.rollover(b);
            }
        }
        Map<String, byte[]> reference = reference(tools, tmp, live);
        Path out = tmp.resolve("small-disk");
        Files.createDirectories(out);
        sh("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", out.toString());
        Process gnotify = null;
        try {
            // Continuous: the job keeps running (and restarting) while the disk is full.
            gnotify = tools.startGnotify("full", FlinkClusterIT.concat(COMMON, "--checkpoint-interval", "500ms",
                    "--brick-map", "/srv/gl/dr22=" + live.bricks, "--output", out.toString(),
                    "--state-dir", tmp.resolve("state").toString()));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> tools.log("full").contains("gnotify cannot write " + out));
            assertThat(tools.log("full")).contains("No space left on device");
            Path manifests = out.resolve("dr22/manifests");
            for (int i = 0; i < 5; i++) {
                // Whatever is visible while the disk is full is complete: a verified chain of whole manifests.
                if (Files.isDirectory(manifests)) {
                    ChainStatus visible = ChainStatus.of(manifests);
                    assertThat(visible.problems()).isEmpty();
                    assertThat(visible.manifests()).isLessThan(reference.size() / 3);
                }
                Thread.sleep(1000);
            }

            sh("mount", "-o", "remount,size=64m", out.toString());
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.isDirectory(manifests) && FixtureVolumes.files(manifests).keySet().containsAll(reference.keySet()));
            Map<String, byte[]> written = FixtureVolumes.files(manifests);
            reference.forEach((name, bytes) -> assertThat(written.get(name)).as(name).isEqualTo(bytes));
            assertThat(ChainStatus.of(manifests).verified()).isTrue();
            assertThat(ManifestFile.list(manifests)).hasSizeGreaterThanOrEqualTo(reference.size() / 3);
        } finally {
            if (gnotify != null) {
                gnotify.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            sh("umount", "-l", out.toString());
        }
    }

    @Test
    void anOutputDirectoryTurnedReadOnlyPublishesNothingPartialAndTheJobCatchesUpWhenWritable(@TempDir Path temp)
            throws Exception {
        Path tmp = LabGluster.workDir(temp).resolve("read-only");
        LabGluster tools = new LabGluster("dr22", tmp.resolve("logs"), "1");
        LiveVolume live = new LiveVolume("dr22-ascii", tmp.resolve("live"));
        Map<String, byte[]> reference = reference(tools, tmp, live);
        Path out = tmp.resolve("flipped-disk");
        Files.createDirectories(out);
        sh("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", out.toString());
        Process gnotify = null;
        try {
            gnotify = tools.startGnotify("readonly", FlinkClusterIT.concat(COMMON, "--checkpoint-interval", "500ms",
                    "--brick-map", "/srv/gl/dr22=" + live.bricks, "--output", out.toString(),
                    "--state-dir", tmp.resolve("state").toString()));
            // The first third of every brick's rollovers is published normally ...
            for (int b = 0; b < 4; b++) {
                for (int i = live.entries(b) / 3; i > 0; i--) {
                    live.rollover(b);
                }
            }
            Path manifests = out.resolve("dr22/manifests");
            LabGluster.awaitManifests(manifests, 5);
            // ... then the output file system turns read-only (not full) while the rest arrives.
            remountReadOnly(out);
            for (int b = 0; b < 4; b++) {
                while (live.fed(b) < live.entries(b)) {
                    live.rollover(b);
                }
            }
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> tools.log("readonly").contains("gnotify cannot write " + out));
            assertThat(tools.log("readonly")).contains("Read-only file system");
            int visibleWhileReadOnly = 0;
            for (int i = 0; i < 5; i++) {
                ChainStatus visible = ChainStatus.of(manifests);
                assertThat(visible.problems()).isEmpty();
                visibleWhileReadOnly = visible.manifests();
                Thread.sleep(1000);
            }
            assertThat(visibleWhileReadOnly).isGreaterThanOrEqualTo(5).isLessThan(reference.size() / 3);

            sh("mount", "-o", "remount,rw", out.toString());
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> FixtureVolumes.files(manifests).keySet().containsAll(reference.keySet()));
            Map<String, byte[]> written = FixtureVolumes.files(manifests);
            reference.forEach((name, bytes) -> assertThat(written.get(name)).as(name).isEqualTo(bytes));
            assertThat(ChainStatus.of(manifests).verified()).isTrue();
            assertThat(ManifestFile.list(manifests).size()).isGreaterThan(visibleWhileReadOnly);
        } finally {
            if (gnotify != null) {
                gnotify.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            sh("umount", "-l", out.toString());
        }
    }

    /**
     * The manifests of a bounded run with space (hidden files aside) of the windows a continuous run over
     * {@code live}, once fully fed, publishes: those every brick has rolled past (see CrashLoopLabIT).
     */
    private static Map<String, byte[]> reference(LabGluster tools, Path tmp, LiveVolume live) throws Exception {
        Path fixture = Fixtures.fixture("dr22-ascii");
        assertThat(tools.gnotify("reference", FlinkClusterIT.concat(COMMON, "--bounded", "--brick-map",
                "/srv/gl/dr22=" + fixture.resolve("bricks"), "--output", tmp.resolve("reference").toString(),
                "--state-dir", tmp.resolve("reference-state").toString()))).isZero();
        long closed = Long.MAX_VALUE;
        for (int b = 0; b < 4; b++) {
            closed = Math.min(closed, live.timestamp(b, live.entries(b) - 1));
        }
        long until = closed;
        Map<String, byte[]> reference = new java.util.TreeMap<>(FixtureVolumes.files(tmp.resolve("reference/dr22/manifests")));
        reference.keySet().removeIf(n -> n.startsWith(".") || Long.parseLong(n.substring(11, 21)) > until);
        assertThat(reference).hasSizeGreaterThan(80);
        return reference;
    }

    /**
     * Remounts {@code out} read-only. The kernel refuses ("mount point is busy") while a file on it is open for
     * writing, as the job's in-progress files are from a window's close until the next checkpoint, so this tries
     * again until the job is between two such moments.
     */
    private static void remountReadOnly(Path out) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            Process p = new ProcessBuilder("mount", "-o", "remount,ro", out.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() == 0) {
                return;
            }
            assertThat(output).as("mount -o remount,ro " + out).contains("busy");
            assertThat(System.nanoTime()).as("still busy after 60 s: " + output).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + output).isZero();
    }
}
