package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.job.manifest.BrickWindowStatus;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both replica bricks of dr22's first subvolume have their clocks set back an hour, at different moments: the
 * whole job reports the step for each, loses no operation (every one of a clean run's is there once, though
 * no other brick holds copies of that subvolume's; none falls behind the watermark), and marks a stepped
 * brick {@code clock_step} in the windows its restamped rollovers fall in; the chain verifies.
 */
class ClockStepRunTest {
    @Test
    void aBrickWhoseClockSteppedBackLosesNothingAndIsMarked(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        Fixtures.stepClockBack(bricks.resolve("b1"), 60, 3600);
        Fixtures.stepClockBack(bricks.resolve("b2"), 75, 3600);

        JsonNode clean = Dr22Runs.run(Fixtures.fixture("dr22-ascii").resolve("bricks"), tmp.resolve("clean"), "--emit-events");
        JsonNode stepped = Dr22Runs.run(bricks, tmp.resolve("stepped"), "--emit-events");

        assertThat(stepped.path("operations").asLong()).isEqualTo(clean.path("operations").asLong()).isPositive();
        assertThat(Dr22Runs.operations(tmp.resolve("stepped"))).isEqualTo(Dr22Runs.operations(tmp.resolve("clean")));
        for (String b : new String[] {"b1", "b2", "b3", "b4"}) {
            assertThat(Dr22Runs.brickFigure(stepped, b, "clock_steps")).as(b).isEqualTo(b.equals("b1") || b.equals("b2") ? 1 : 0);
            assertThat(Dr22Runs.brickFigure(stepped, b, "records_read")).as(b)
                    .isEqualTo(Dr22Runs.brickFigure(clean, b, "records_read"));
        }
        List<BrickWindowStatus> b1 = new ArrayList<>();
        for (Path m : ManifestFile.list(tmp.resolve("stepped/out/dr22/manifests"))) {
            ManifestFile.read(m).window().bricks().stream().filter(s -> s.brick().endsWith("/b1")).forEach(b1::add);
        }
        // ok before the step; from its window on, every window b1 rolled over in is clock_step (the fixture ends
        // before the clock catches up). Restamped one second apart, b1's last rollovers come before the others'.
        int first = b1.stream().map(BrickWindowStatus::status).toList().indexOf("clock_step");
        assertThat(first).isPositive();
        assertThat(b1.subList(0, first)).extracting(BrickWindowStatus::status).containsOnly("ok");
        assertThat(b1.subList(first, b1.size())).filteredOn(s -> s.lastJournal() != 0).hasSizeGreaterThan(10)
                .extracting(BrickWindowStatus::status).containsOnly("clock_step");
        assertThat(GnotifyCommand.commandLine().execute("verify", tmp.resolve("stepped/out").toString())).isZero();
    }
}
