package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a catch-up run stops: the oldest of the bricks' newest rollovers, over the bricks that have journals. */
class CatchUpTest {
    private static VolumeInfo dr22() throws Exception {
        return VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null);
    }

    @Test
    void theTargetIsTheOldestNewestRollover() throws Exception {
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + Fixtures.fixture("dr22-ascii").resolve("bricks")));
        // b1..b4 last rolled over at 1795500822, 825, 828 and 831.
        assertThat(CatchUp.of(dr22(), map, 10_000).target()).isEqualTo(1795500822L);
    }

    @Test
    void bricksWithoutJournalsOrWithoutAChangelogHoldNothingBack(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        // b1 lost its changelog directory, b2 was never there: b3's 1795500828 is the oldest newest rollover left.
        try (var walk = Files.walk(bricks.resolve("b1/.glusterfs"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (var walk = Files.walk(bricks.resolve("b2"))) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + bricks));
        assertThat(CatchUp.of(dr22(), map, 10_000).target()).isEqualTo(1795500828L);
    }

    @Test
    void aVolumeWithoutJournalsHasNoTarget(@TempDir Path tmp) throws Exception {
        BrickMap map = BrickMap.of(List.of("/srv/gl/dr22=" + tmp));
        assertThat(CatchUp.of(dr22(), map, 10_000).target()).isEqualTo(-1);
    }
}
