package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a catch-up run stops: how far each subvolume's bricks have rolled over (leaving out a replica that stopped a
 * down timeout before the others), the least of the subvolumes', as the volume watermark moves.
 */
class CatchUpTest {
    private static VolumeInfo dr22() throws Exception {
        return VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null);
    }

    @Test
    void theTargetIsTheOldestNewestRolloverOfBricksInStep() throws Exception {
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + Fixtures.fixture("dr22-ascii").resolve("bricks")));
        // b1..b4 last rolled over at 1795500822, 825 (subvolume 0), 828 and 831 (subvolume 1), all within 60 s.
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(60), Duration.ofSeconds(1)).target()).isEqualTo(1795500822L);
        // With a 2 s down timeout b1 and b3 are behind their replicas by more: b2 and b4 carry the subvolumes.
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(2), Duration.ofSeconds(1)).target()).isEqualTo(1795500825L);
    }

    @Test
    void bricksWithoutJournalsOrWithoutAChangelogHoldNothingBack(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        // Subvolume 0 has nothing to read (b1 lost its changelog directory, b2 is not there): subvolume 1 alone
        // counts, where b3's 1795500828 is behind b4's 831.
        try (var walk = Files.walk(bricks.resolve("b1/.glusterfs"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (var walk = Files.walk(bricks.resolve("b2"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + bricks));
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(60), Duration.ofSeconds(1)).target()).isEqualTo(1795500828L);
    }

    @Test
    void aReplicaThatStoppedRollingOverDoesNotHoldTheTargetBack(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        Fixtures.rollBack(bricks.resolve("b2"), 1795500700L);
        Fixtures.rollBack(bricks.resolve("b3"), 1795500800L);
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + bricks));
        // b2 stopped 122 s before b1 (more than the down timeout): b1's 1795500822 is subvolume 0's. b3 stopped
        // 31 s before b4: it is waited for, and its 1795500800 is the target.
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(60), Duration.ofSeconds(1)).target()).isEqualTo(1795500800L);
        Fixtures.rollBack(bricks.resolve("b3"), 1795500750L);
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(60), Duration.ofSeconds(1)).target()).isEqualTo(1795500822L);
    }

    @Test
    void aVolumeWithoutJournalsHasNoTarget(@TempDir Path tmp) throws Exception {
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + tmp));
        assertThat(CatchUp.of(dr22(), map, Duration.ofSeconds(60), Duration.ofSeconds(1)).target()).isEqualTo(-1);
    }
}
