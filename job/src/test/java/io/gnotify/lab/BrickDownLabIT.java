package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica brick of a real GlusterFS 2x2 volume dies (its brick process killed) while the volume keeps
 * changing, and comes back with {@code gluster volume start VOL force} and self-heal. gnotify keeps closing
 * windows on the live replica, marks the dead brick {@code down} in those windows, and nothing the heal
 * logs on it (the renames, unlinks and rmdirs it missed, its files as MKNOD, its moves through AFR's hidden
 * directory, the data and attributes it copies) shows in the windows of the heal, when nothing was written;
 * the chain verifies, and the backup that {@code apply} builds from the manifests equals the volume.
 */
class BrickDownLabIT {
    static final String VOLUME = "gndown";

    @Test
    void aReplicaBrickDiesAndHealsWithoutLossDuplicatesOrPhantoms(@TempDir Path temp) throws Exception {
        LabGluster.withContinuousRun(VOLUME, temp, "dr22", new String[] {"--brick-down-timeout", "8s"}, (lab, tmp, out, manifests, gnotify) -> {
            // b2 (a replica of the first subvolume) dies; the volume keeps changing on b1.
            String brick = lab.brickPath("b2");
            lab.killBrick(brick);
            long downAt = LabGluster.nowSecond();
            lab.lab("workload", VOLUME, "mutate");
            long mutated = LabGluster.nowSecond();
            // Windows keep closing past the mutate workload on the live replica.
            LabGluster.awaitWindowsClosedPast(manifests, Math.max(mutated, downAt + 12) + 5);

            // b2 comes back and is healed; nothing is written through the mount meanwhile.
            long quietFrom = LabGluster.nowSecond();
            lab.restartBrick(brick);
            // The self-heal daemon heals on its own once the brick is back; "heal" only hurries it along
            // (in this lab it answers "brick op 'Heal' failed" while healing fine, so its exit is ignored).
            lab.shIgnoringExit("gluster", "volume", "heal", VOLUME);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> pendingHeals(lab) == 0);
            Thread.sleep(8_000);
            long quietTo = LabGluster.nowSecond();
            lab.lab("workload", VOLUME, "churn");
            List<ManifestFile> all = LabGluster.stopOnceClosed(gnotify, manifests);
            List<String> downWindows = all.stream().filter(m -> LabGluster.brickStatus(m, brick).equals("down"))
                    .map(ManifestFile::name).toList();
            assertThat(downWindows).as("windows marking %s down", brick).hasSizeGreaterThanOrEqualTo(2);
            List<ManifestFile> quiet = all.stream()
                    .filter(m -> m.window().windowStart() >= quietFrom && m.window().windowEnd() <= quietTo).toList();
            // The heal re-logs on b2 the renames, unlinks and rmdirs it missed (and the files it missed as
            // MKNOD), moves what it must drop through AFR's hidden directory, and copies data and attributes
            // (D, SETATTR, REMOVEXATTR records on b2 alone): none of it is a change, and nothing was written.
            List<String> healed = quiet.stream().flatMap(m -> m.entries().stream()).map(ManifestEntry::toString).toList();
            System.out.printf("BrickDownLabIT: %d heal windows, %d entries%n", quiet.size(), healed.size());
            assertThat(healed).as("entries in the windows of the heal, when nothing was written").isEmpty();
            assertThat(quiet).as("quiet windows").isNotEmpty();

            lab.assertVerifiedAndReplayable(out, manifests, tmp.resolve("backup"));
        });
    }

    /** Entries still waiting for heal, summed over the bricks ({@code gluster volume heal VOL info}). */
    private static int pendingHeals(LabGluster lab) throws Exception {
        int n = 0;
        for (String line : lab.sh("gluster", "volume", "heal", VOLUME, "info").split("\n")) {
            if (line.startsWith("Number of entries:")) {
                String v = line.substring(line.indexOf(':') + 1).trim();
                n += v.equals("-") ? 1 : Integer.parseInt(v);
            }
        }
        return n;
    }
}
