package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races the journals cannot order, on a real GlusterFS 2x2 volume: the workload's {@code race} phase creates a
 * name and at once renames a file of the other subvolume onto it, thirty times over several rollovers. A
 * catch-up run with {@code --lookup-mount} settles every pair by the volume, and the backup {@code ./gnotify
 * apply} keeps equals it. A pair lands in neighbouring windows only when the two subvolumes' rollovers straddle
 * a window boundary, which is rare here (the lab's bricks roll over within the same second), so the test prints
 * how many did; {@code WindowBoundaryConflictTest} covers that case deterministically.
 */
class NameRaceLabIT {
    private static final String VOLUME = "gnrace";
    private static final Pattern SETTLED = Pattern.compile(
            "(\\d+) name conflicts between subvolumes settled by the live volume \\((\\d+) of all (\\d+) with a name");

    @Test
    void createsAndRenamesOntoTheSameNameFromTwoSubvolumesKeepTheBackupEqualToTheVolume(@TempDir Path temp)
            throws Exception {
        LabGluster.withVolume(VOLUME, temp, "dr22", List.of("populate"), (lab, tmp, out, manifests) -> {
            Path backup = tmp.resolve("backup");
            String[] run = lab.continuousRun(out, tmp.resolve("state"), "--catch-up");
            assertThat(lab.gnotify("night1", run)).as(lab.log("night1")).isZero();
            assertThat(LiveVolumeLabIT.apply(lab, manifests, backup)).as(lab.log("apply")).isZero();

            lab.lab("workload", VOLUME, "race");
            CatchUpLabIT.awaitWindowComplete(LabGluster.nowSecond());
            assertThat(lab.gnotify("night2", run)).as(lab.log("night2")).isZero();
            long settled = 0;
            long across = 0;
            long unsettled = 0;
            Matcher m = SETTLED.matcher(lab.log("night2"));
            while (m.find()) {
                settled += Long.parseLong(m.group(1));
                across += Long.parseLong(m.group(2));
                unsettled += Long.parseLong(m.group(3)) - Long.parseLong(m.group(1));
            }
            System.out.printf("name races: %d settled by the volume (%d across a window boundary), %d not%n",
                    settled, across, unsettled);
            // Every pair is a conflict (unrelated bricks, within one rollover interval), and the volume shows the
            // renamed file under every name.
            assertThat(settled).as(lab.log("night2")).isGreaterThanOrEqualTo(30);
            assertThat(unsettled).isZero();
            assertThat(LiveVolumeLabIT.apply(lab, manifests, backup)).as(lab.log("apply")).isZero();
            LiveVolumeLabIT.assertSame(lab.mount(), backup);
            assertThat(lab.gnotify("verify", "verify", out.toString())).as(lab.log("verify")).isZero();
        });
    }
}
