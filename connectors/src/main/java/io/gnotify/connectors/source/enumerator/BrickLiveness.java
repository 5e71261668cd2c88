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
 * liveness; live replicas are all waited for, which keeps the event order deterministic). When the operator
 * set a subvolume gap timeout, a down brick with no live replica becomes UNCOVERED once its subvolume has
 * been without a live brick for that long: it stops holding the watermark too, and its windows are
 * published marked as gaps instead of waiting for it forever.
 */
final class BrickLiveness {
    private final VolumeInfo volume;
    private final long downTimeoutMillis;
    /** Negative: a subvolume with no live brick is waited for forever. */
    private final long gapTimeoutMillis;
    private final LongSupplier clock;
    private final Map<String, Status> status = new HashMap<>();

    /** What is known about one brick. */
    private static final class Status {
        long lastRollover = Long.MIN_VALUE;
        long lastChangeMillis;
        boolean down;
        boolean carried;
        boolean uncovered;
        /** When the brick was last seen down with no live replica; {@code Long.MIN_VALUE} while it is not. */
        long uncarriedSinceMillis = Long.MIN_VALUE;
    }

    BrickLiveness(VolumeInfo volume, long downTimeoutMillis, LongSupplier clock) {
        this(volume, downTimeoutMillis, -1, clock);
    }

    /** {@code gapTimeoutMillis}: how long a subvolume with no live brick is waited for; negative for ever. */
    BrickLiveness(VolumeInfo volume, long downTimeoutMillis, long gapTimeoutMillis, LongSupplier clock) {
        this.volume = volume;
        this.downTimeoutMillis = downTimeoutMillis;
        this.gapTimeoutMillis = gapTimeoutMillis;
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

    /** Re-evaluates every brick; returns the bricks whose (down, carried, uncovered) verdict changed. */
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
            if (!isDown || carried) {
                s.uncarriedSinceMillis = Long.MIN_VALUE;
            } else if (s.uncarriedSinceMillis == Long.MIN_VALUE) {
                s.uncarriedSinceMillis = now;
            }
            boolean uncovered = s.uncarriedSinceMillis != Long.MIN_VALUE && gapTimeoutMillis >= 0
                    && now - s.uncarriedSinceMillis >= gapTimeoutMillis;
            if (isDown != s.down || carried != s.carried || uncovered != s.uncovered) {
                s.down = isDown;
                s.carried = carried;
                s.uncovered = uncovered;
                changes.add(new BrickStatusEvent(b.id(), isDown, carried, uncovered));
            }
        }
        return changes;
    }

    /** Number of bricks currently down. */
    int downCount() {
        return (int) status.values().stream().filter(s -> s.down).count();
    }
}
