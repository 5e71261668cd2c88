package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.source.event.BrickStatusEvent;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.VolumeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides which bricks are down: a brick that reported no new rollover for the down timeout (processing
 * time) is DOWN, and CARRIED when another data brick of its replica set is still up (an arbiter logs no
 * data records, so it alone cannot carry a subvolume). Only a carried brick may
 * stop holding the volume watermark, so time moves on with the live replicas while a subvolume with no
 * live brick stalls it (geo-replication's min-over-subvolumes of max-over-replicas rule, applied to
 * liveness; live replicas are all waited for, which keeps the event order deterministic).
 */
final class BrickLiveness {
    private final VolumeInfo volume;
    private final long downTimeoutMillis;
    private final LongSupplier clock;
    private final Map<String, Status> status = new HashMap<>();

    /** What is known about one brick. */
    private static final class Status {
        long lastRollover = Long.MIN_VALUE;
        long lastChangeMillis;
        boolean down;
        boolean carried;
    }

    BrickLiveness(VolumeInfo volume, long downTimeoutMillis, LongSupplier clock) {
        this.volume = volume;
        this.downTimeoutMillis = downTimeoutMillis;
        this.clock = clock;
        long now = clock.getAsLong();
        for (Brick b : volume.bricks()) {
            Status s = new Status();
            s.lastChangeMillis = now;
            status.put(b.id(), s);
        }
    }

    /** A reader reported that {@code brick} has read up to {@code rollover}. */
    void progress(String brick, long rollover) {
        Status s = status.get(brick);
        if (s != null && rollover > s.lastRollover) {
            s.lastRollover = rollover;
            s.lastChangeMillis = clock.getAsLong();
        }
    }

    /** Re-evaluates every brick; returns the bricks whose (down, carried) verdict changed. */
    List<BrickStatusEvent> evaluate() {
        long now = clock.getAsLong();
        Map<String, Boolean> down = new HashMap<>();
        for (Brick b : volume.bricks()) {
            down.put(b.id(), now - status.get(b.id()).lastChangeMillis > downTimeoutMillis);
        }
        List<BrickStatusEvent> changes = new ArrayList<>();
        for (Brick b : volume.bricks()) {
            boolean isDown = down.get(b.id());
            boolean carried = isDown && volume.subvolume(b.subvolume()).stream()
                    .anyMatch(p -> !p.id().equals(b.id()) && !down.get(p.id()) && !p.arbiter());
            Status s = status.get(b.id());
            if (isDown != s.down || carried != s.carried) {
                s.down = isDown;
                s.carried = carried;
                changes.add(new BrickStatusEvent(b.id(), isDown, carried));
            }
        }
        return changes;
    }

    /** Number of bricks currently down. */
    int downCount() {
        return (int) status.values().stream().filter(s -> s.down).count();
    }
}
