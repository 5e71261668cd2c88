package io.gnotify.job.manifest;

import io.gnotify.connectors.source.RolloverKind;
import java.util.HashMap;
import java.util.Map;

/**
 * The longest interval seen between two consecutive rollovers of one brick (intervals over two minutes, a
 * brick that was down, are left out): how far apart the journal seconds of two concurrent operations on
 * different bricks can be, since each brick names a journal by the moment it rolls it over.
 */
final class RolloverSpacing {
    private final Map<Integer, Long> last = new HashMap<>();
    private long span;

    /** Brick {@code brick} rolled over at second {@code ts}. */
    void rollover(int brick, long ts) {
        Long prev = last.put(brick, ts);
        if (prev != null && ts - prev > 0 && ts - prev <= RolloverKind.LONGEST_PLAUSIBLE_INTERVAL) {
            span = Math.max(span, ts - prev);
        }
    }

    /** The interval in seconds; 0 until two rollovers of one brick were seen. */
    long span() {
        return span;
    }

    /** The spacing as one array (span, then brick and last rollover pairs), for operator state. */
    long[] snapshot() {
        long[] s = new long[1 + 2 * last.size()];
        s[0] = span;
        int i = 1;
        for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(last).entrySet()) {
            s[i++] = e.getKey();
            s[i++] = e.getValue();
        }
        return s;
    }

    /** The spacing a {@link #snapshot()} holds. */
    static RolloverSpacing restore(long[] s) {
        RolloverSpacing r = new RolloverSpacing();
        r.span = s[0];
        for (int i = 1; i + 1 < s.length; i += 2) {
            r.last.put((int) s[i], s[i + 1]);
        }
        return r;
    }
}
