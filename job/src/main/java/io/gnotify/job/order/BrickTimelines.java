package io.gnotify.job.order;

import io.gnotify.connectors.source.RolloverKind;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * When each brick journalled, in event time, as its rollover markers tell: the holes in its journalling (a
 * DOWN or UNCOVERED marker until its next rollover, a GAP, or rollovers much further apart than its usual
 * interval) and the second it came back from the last one. Every dedup subtask sees every marker, so all of
 * them agree, and a restore rebuilds the same timelines from the checkpoint.
 */
final class BrickTimelines {
    /** Holes kept per brick; older ones no longer matter to the copies still to come. */
    private static final int HOLES_KEPT = 8;

    private final Map<Integer, Timeline> bricks = new TreeMap<>();
    /** No brick has had a hole yet: the common case, answered without a lookup. */
    private boolean noHoles = true;

    /** One brick's journalling. */
    private static final class Timeline {
        long last = Long.MIN_VALUE;
        /** The usual interval between its rollovers (the last one that was not a hole). */
        long interval;
        boolean away;
        /** Holes as (last rollover before, first rollover after) pairs, oldest first. */
        long[] holes = new long[0];

        /** The end of the latest hole: the second the brick came back. */
        long returned() {
            return holes.length == 0 ? Long.MIN_VALUE : holes[holes.length - 1];
        }

        void hole(long from, long to) {
            holes = Arrays.copyOf(holes, holes.length + 2);
            holes[holes.length - 2] = from;
            holes[holes.length - 1] = to;
            if (holes.length > 2 * HOLES_KEPT) {
                holes = Arrays.copyOfRange(holes, 2, holes.length);
            }
        }
    }

    /** Brick {@code brick}'s rollover marker at second {@code ts}. */
    void marker(int brick, long ts, RolloverKind kind) {
        Timeline t = bricks.computeIfAbsent(brick, b -> new Timeline());
        if (kind.isAway()) {
            // Carries the brick's last rollover; it journals nothing from there until its next one.
            t.away = true;
            return;
        }
        if (kind == RolloverKind.CRAWL) {
            return;
        }
        if (t.last != Long.MIN_VALUE && ts > t.last) {
            long gap = ts - t.last;
            boolean hole = t.away || kind == RolloverKind.GAP || (t.interval > 0 && gap > 2 * t.interval + 1);
            if (hole) {
                t.hole(t.last, ts);
                noHoles = false;
            } else if (gap <= RolloverKind.LONGEST_PLAUSIBLE_INTERVAL && kind != RolloverKind.CLOCK_STEP) {
                t.interval = gap;
            }
        }
        t.away = false;
        t.last = Math.max(t.last, ts);
    }

    /**
     * True if {@code brick} journalled all through seconds {@code from} to {@code to}: it rolled over at or
     * after {@code to}, and none of its holes overlaps the span.
     */
    boolean journalledThrough(int brick, long from, long to) {
        Timeline t = bricks.get(brick);
        if (t == null || t.last < to) {
            return false;
        }
        for (int i = 0; i < t.holes.length; i += 2) {
            if (t.holes[i] < to && t.holes[i + 1] > from) {
                return false;
            }
        }
        return true;
    }

    /** The second {@code brick} came back from its latest hole ({@link Long#MIN_VALUE} if none was seen). */
    long returned(int brick) {
        if (noHoles) {
            return Long.MIN_VALUE;
        }
        Timeline t = bricks.get(brick);
        return t == null ? Long.MIN_VALUE : t.returned();
    }

    /** {@code brick}'s usual rollover interval in seconds (0 until known). */
    long interval(int brick) {
        Timeline t = bricks.get(brick);
        return t == null ? 0 : t.interval;
    }

    /** The timelines as one array per brick, for operator state. */
    Map<Integer, long[]> snapshot() {
        Map<Integer, long[]> out = new TreeMap<>();
        bricks.forEach((b, t) -> {
            long[] s = new long[3 + t.holes.length];
            s[0] = t.last;
            s[1] = t.interval;
            s[2] = t.away ? 1 : 0;
            System.arraycopy(t.holes, 0, s, 3, t.holes.length);
            out.put(b, s);
        });
        return out;
    }

    /** Timelines a {@link #snapshot()} holds. */
    static BrickTimelines restore(Iterable<Map.Entry<Integer, long[]>> entries) {
        BrickTimelines r = new BrickTimelines();
        for (Map.Entry<Integer, long[]> e : entries) {
            long[] s = e.getValue();
            Timeline t = new Timeline();
            t.last = s[0];
            t.interval = s[1];
            t.away = s[2] != 0;
            t.holes = Arrays.copyOfRange(s, 3, s.length);
            r.bricks.put(e.getKey(), t);
            r.noHoles &= t.holes.length == 0;
        }
        return r;
    }
}
