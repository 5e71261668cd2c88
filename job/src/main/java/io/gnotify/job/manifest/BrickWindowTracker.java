package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.volume.Brick;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each brick's part in the open window, from the rollover markers: the first and last rollover it closed
 * in the window, whether one of them was a gap, and whether the brick was away at any time in the window:
 * down (carried by a replica), or uncovered (its whole subvolume down past the gap timeout, which makes the
 * window a gap for it). Away lasts from a DOWN or UNCOVERED marker until the brick's next rollover. A brick
 * whose clock stepped back (a CLOCK_STEP rollover in the window) is {@code clock_step} unless worse.
 */
final class BrickWindowTracker {
    private static final int FIELDS = 5;
    private static final int PRESENT = 0;
    private static final int DOWN = 1;
    private static final int UNCOVERED = 2;

    private final List<Brick> bricks;
    /** PRESENT, DOWN or UNCOVERED now, and the worst of them in the open window. */
    private final int[] away;
    private final int[] awayInWindow;
    private final boolean[] gap;
    private final boolean[] clockStep;
    private final long[] first;
    private final long[] last;

    BrickWindowTracker(List<Brick> bricks) {
        this.bricks = List.copyOf(bricks);
        int n = bricks.size();
        away = new int[n];
        awayInWindow = new int[n];
        gap = new boolean[n];
        clockStep = new boolean[n];
        first = new long[n];
        last = new long[n];
    }

    /** A marker of the open window. */
    void onMarker(VolumeEvent m) {
        int b = m.brick();
        if (m.rollover().isAway()) {
            away[b] = m.rollover() == RolloverKind.UNCOVERED ? UNCOVERED : DOWN;
            awayInWindow[b] = Math.max(awayInWindow[b], away[b]);
            return;
        }
        away[b] = PRESENT;
        if (m.rollover() == RolloverKind.CRAWL) {
            return;
        }
        if (first[b] == 0) {
            first[b] = m.journalTs();
        }
        last[b] = Math.max(last[b], m.journalTs());
        gap[b] |= m.rollover() == RolloverKind.GAP;
        clockStep[b] |= m.rollover() == RolloverKind.CLOCK_STEP;
    }

    /**
     * A marker of a window already published: it counts from the next window on. A rollover brings the brick
     * back; UNCOVERED (a brick already carried, whose last replica is now gone too) makes it a gap; a late
     * DOWN changes nothing.
     */
    void onLateMarker(VolumeEvent m) {
        if (m.rollover() == RolloverKind.UNCOVERED) {
            away[m.brick()] = UNCOVERED;
        } else if (!m.rollover().isAway()) {
            away[m.brick()] = PRESENT;
        }
    }

    /** The header's bricks for the open window. */
    List<BrickWindowStatus> statuses() {
        List<BrickWindowStatus> out = new ArrayList<>(bricks.size());
        for (Brick brick : bricks) {
            int b = brick.index();
            String status = gap[b] || awayInWindow[b] == UNCOVERED ? "gap" : awayInWindow[b] == DOWN ? "down"
                    : clockStep[b] ? "clock_step" : "ok";
            out.add(new BrickWindowStatus(brick.id(), status, first[b], last[b]));
        }
        return out;
    }

    /** Starts the next window; a brick still away is away in it too. */
    void nextWindow() {
        System.arraycopy(away, 0, awayInWindow, 0, away.length);
        Arrays.fill(gap, false);
        Arrays.fill(clockStep, false);
        Arrays.fill(first, 0);
        Arrays.fill(last, 0);
    }

    /** The tracker as one array, for operator state. */
    long[] snapshot() {
        long[] s = new long[bricks.size() * FIELDS];
        for (int b = 0; b < bricks.size(); b++) {
            int i = b * FIELDS;
            s[i] = away[b];
            s[i + 1] = awayInWindow[b];
            s[i + 2] = (gap[b] ? 1 : 0) | (clockStep[b] ? 2 : 0);
            s[i + 3] = first[b];
            s[i + 4] = last[b];
        }
        return s;
    }

    void restore(long[] s) {
        if (s.length != bricks.size() * FIELDS) {
            throw new IllegalStateException("checkpoint holds " + s.length / FIELDS + " bricks, the volume has "
                    + bricks.size() + "; a changed brick list needs a fresh state directory");
        }
        for (int b = 0; b < bricks.size(); b++) {
            int i = b * FIELDS;
            away[b] = (int) s[i];
            awayInWindow[b] = (int) s[i + 1];
            gap[b] = (s[i + 2] & 1) != 0;
            clockStep[b] = (s[i + 2] & 2) != 0;
            first[b] = s[i + 3];
            last[b] = s[i + 4];
        }
    }
}
