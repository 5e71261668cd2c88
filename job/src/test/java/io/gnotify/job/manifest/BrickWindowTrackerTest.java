package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.volume.Brick;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The header's per-brick status from rollover markers: ok, gap, down (lasting until the brick rolls over again). */
class BrickWindowTrackerTest {
    static final List<Brick> BRICKS = List.of(new Brick(0, 0, "vm", "/b1", false), new Brick(1, 0, "vm", "/b2", false));

    static VolumeEvent m(long ts, int brick, RolloverKind k) {
        return VolumeEvent.rollover(ts, brick, k);
    }

    @Test
    void rolloversGapsAndDownPeriods() {
        BrickWindowTracker t = new BrickWindowTracker(BRICKS);
        t.onMarker(m(101, 0, RolloverKind.JOURNAL));
        t.onMarker(m(103, 0, RolloverKind.EMPTY));
        t.onMarker(m(101, 1, RolloverKind.GAP));
        assertThat(t.statuses()).containsExactly(new BrickWindowStatus("vm:/b1", "ok", 101, 103),
                new BrickWindowStatus("vm:/b2", "gap", 101, 101));

        t.nextWindow();
        t.onMarker(m(106, 0, RolloverKind.JOURNAL));
        t.onMarker(m(101, 1, RolloverKind.DOWN));
        assertThat(t.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "down");

        // Still down in the next window without a single rollover; a restore keeps that.
        t.nextWindow();
        BrickWindowTracker restored = restored(t);
        assertThat(restored.statuses()).containsExactly(new BrickWindowStatus("vm:/b1", "ok", 0, 0),
                new BrickWindowStatus("vm:/b2", "down", 0, 0));

        // It comes back with late rollovers of published windows: the next window is ok again.
        restored.onLateMarker(m(104, 1, RolloverKind.JOURNAL));
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "down");
        restored.nextWindow();
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "ok");
    }

    @Test
    void anUncoveredBrickIsAGapUntilItRollsOverAgainAndSurvivesARestore() {
        BrickWindowTracker t = new BrickWindowTracker(BRICKS);
        t.onMarker(m(106, 0, RolloverKind.JOURNAL));
        t.onMarker(m(106, 1, RolloverKind.JOURNAL));
        t.onMarker(m(106, 1, RolloverKind.UNCOVERED));
        assertThat(t.statuses()).containsExactly(new BrickWindowStatus("vm:/b1", "ok", 106, 106),
                new BrickWindowStatus("vm:/b2", "gap", 106, 106));

        t.nextWindow();
        BrickWindowTracker restored = restored(t);
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "gap");
        // A late UNCOVERED or DOWN marker (of a brick already idle) does not bring it back; a late rollover does.
        restored.onLateMarker(m(101, 1, RolloverKind.DOWN));
        restored.nextWindow();
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "gap");
        restored.onLateMarker(m(111, 1, RolloverKind.JOURNAL));
        restored.nextWindow();
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "ok");

        // b1 was down and carried (idle, its DOWN published); then b2 goes too: b1's UNCOVERED comes late, at its
        // last rollover, and b2's on time. Both are gaps from then on.
        restored.onMarker(m(116, 0, RolloverKind.DOWN));
        restored.nextWindow();
        restored.onLateMarker(m(116, 0, RolloverKind.UNCOVERED));
        restored.onMarker(m(121, 1, RolloverKind.UNCOVERED));
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("down", "gap");
        restored.nextWindow();
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("gap", "gap");
    }

    @Test
    void aClockStepIsShownForItsWindowUnlessSomethingWorseHappenedAndSurvivesARestore() {
        BrickWindowTracker t = new BrickWindowTracker(BRICKS);
        t.onMarker(m(106, 0, RolloverKind.CLOCK_STEP));
        t.onMarker(m(106, 1, RolloverKind.CLOCK_STEP));
        t.onMarker(m(107, 1, RolloverKind.GAP));
        BrickWindowTracker restored = restored(t);
        assertThat(restored.statuses()).containsExactly(new BrickWindowStatus("vm:/b1", "clock_step", 106, 106),
                new BrickWindowStatus("vm:/b2", "gap", 106, 107));
        restored.nextWindow();
        restored.onMarker(m(111, 0, RolloverKind.JOURNAL));
        assertThat(restored.statuses()).extracting(BrickWindowStatus::status).containsExactly("ok", "ok");
    }

    @Test
    void aCheckpointOfAnotherBrickListIsRefused() {
        BrickWindowTracker t = new BrickWindowTracker(BRICKS);
        assertThatThrownBy(() -> t.restore(new long[5])).hasMessageContaining("fresh state directory");
    }

    /** A tracker restored from {@code t}'s snapshot. */
    private static BrickWindowTracker restored(BrickWindowTracker t) {
        BrickWindowTracker r = new BrickWindowTracker(BRICKS);
        r.restore(t.snapshot());
        return r;
    }
}
