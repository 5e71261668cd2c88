package io.gnotify.job.manifest;

import java.util.HashMap;
import java.util.Map;

/**
 * The longest interval seen between two consecutive rollovers of one brick (intervals over two minutes, a
 * brick that was down, are left out): how far apart the journal seconds of two concurrent operations on
 * different bricks can be, since each brick names a journal by the moment it rolls it over.
 */
final class RolloverSpacing {
    private static final long LONGEST_PLAUSIBLE = 120;

    private final Map<Integer, Long> last = new HashMap<>();
    private long span;

    /** Brick {@code brick} rolled over at second {@code ts}. */
    void rollover(int brick, long ts) {
        Long prev = last.put(brick, ts);
        if (prev != null && ts - prev > 0 && ts - prev <= LONGEST_PLAUSIBLE) {
            span = Math.max(span, ts - prev);
        }
    }

    /** The interval in seconds; 0 until two rollovers of one brick were seen. */
    long span() {
        return span;
    }
}
