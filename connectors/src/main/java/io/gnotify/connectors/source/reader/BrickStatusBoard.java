package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.source.RolloverKind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brick status shared between the reader's mailbox thread (which hears from the enumerator) and its
 * fetcher thread (which reads): requests to mark a down brick idle, and whether a brick is reading or
 * caught up, for metrics.
 */
final class BrickStatusBoard {
    /** Bricks to mark idle, with the marker that says why (DOWN or UNCOVERED). */
    private final Map<String, RolloverKind> idleRequests = new ConcurrentHashMap<>();
    private final Map<String, Boolean> down = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reading = new ConcurrentHashMap<>();

    /**
     * The enumerator says the brick is down ({@code carried}: a live replica covers its subvolume;
     * {@code uncovered}: none does, past the gap timeout) or up.
     */
    void status(String brick, boolean isDown, boolean carried, boolean uncovered) {
        down.put(brick, isDown);
        if (isDown && (carried || uncovered)) {
            idleRequests.put(brick, carried ? RolloverKind.DOWN : RolloverKind.UNCOVERED);
        } else {
            idleRequests.remove(brick);
        }
    }

    /** Once per request to mark {@code brick} idle, the marker kind of the request; else {@code null}. */
    RolloverKind takeIdleRequest(String brick) {
        return idleRequests.remove(brick);
    }

    void markReading(String brick, boolean value) {
        reading.put(brick, value);
    }

    /** 2 = down, 1 = reading, 0 = caught up (idle). */
    int statusCode(String brick) {
        if (down.getOrDefault(brick, false)) {
            return 2;
        }
        return reading.getOrDefault(brick, false) ? 1 : 0;
    }
}
