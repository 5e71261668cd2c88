package io.gnotify.job.order;

import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.source.BrickRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * Copies that may be self-heal's: a data or metadata record that a brick, within the heal grace after it came
 * back from a hole, logs as a new operation while every replica of it journals. Self-heal writes only to the
 * brick it heals, a client to every live replica. So a suspect is held: if a replica's copy of the same
 * operation follows within the bricks' rollover interval, it was a client's and counts as that copy's
 * duplicate; if the replicas' journals pass it without one, it is dropped.
 */
final class HealSuspects {
    private final long graceSeconds;
    private final CopyExpectation layout;
    private final Map<OperationId, List<Held>> byKey = new HashMap<>();
    private final TreeMap<Long, List<Held>> byDeadline = new TreeMap<>();

    /** A held copy, and the journal second after which no replica copy of it can come. */
    private static final class Held {
        final OperationId key;
        final BrickRecord copy;
        final long deadline;
        boolean paired;

        Held(OperationId key, BrickRecord copy, long deadline) {
            this.key = key;
            this.copy = copy;
            this.deadline = deadline;
        }
    }

    HealSuspects(long graceSeconds, CopyExpectation layout) {
        this.graceSeconds = graceSeconds;
        this.layout = layout;
    }

    /**
     * The journal second until which {@code copy}, were it a new operation, waits for a replica's copy, or
     * {@link Long#MIN_VALUE} if it is no suspect.
     */
    long suspectUntil(BrickRecord copy, BrickTimelines timelines) {
        RecordType type = copy.record().type();
        if (type != RecordType.DATA && type != RecordType.METADATA) {
            return Long.MIN_VALUE;
        }
        int brick = copy.brick();
        long ts = copy.journalTs();
        long back = timelines.returned(brick);
        if (back == Long.MIN_VALUE || ts < back || ts - back > graceSeconds) {
            return Long.MIN_VALUE;
        }
        int[] replicas = layout.replicasOf(brick, type == RecordType.DATA);
        long interval = timelines.interval(brick);
        for (int r : replicas) {
            interval = Math.max(interval, timelines.interval(r));
        }
        if (replicas.length == 0 || interval == 0) {
            return Long.MIN_VALUE;
        }
        for (int r : replicas) {
            // The operation happened within the interval before the copy's journal second.
            if (!timelines.journalledThrough(r, ts - interval, ts)) {
                return Long.MIN_VALUE;
            }
        }
        return ts + interval + 1;
    }

    void hold(OperationId key, BrickRecord copy, long deadline) {
        Held h = new Held(key, copy, deadline);
        byKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(h);
        byDeadline.computeIfAbsent(deadline, d -> new ArrayList<>()).add(h);
    }

    /**
     * A new operation's copy from {@code brick} arrived for {@code key}: the oldest held copy of it from a replica
     * of {@code brick} was a client's, and is returned (to be counted), or {@code null}.
     */
    BrickRecord pair(OperationId key, int brick) {
        List<Held> held = byKey.get(key);
        if (held == null) {
            return null;
        }
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.copy.brick() != brick && layout.sameSubvolume(h.copy.brick(), brick)) {
                it.remove();
                if (held.isEmpty()) {
                    byKey.remove(key);
                }
                h.paired = true;
                return h.copy;
            }
        }
        return null;
    }

    /** Removes the suspects whose deadline the watermark {@code wm} has passed unpaired, and returns them. */
    List<BrickRecord> expire(long wm) {
        List<BrickRecord> dropped = new ArrayList<>();
        while (!byDeadline.isEmpty() && OperationDedupOperator.releaseTime(byDeadline.firstKey()) <= wm) {
            for (Held h : byDeadline.pollFirstEntry().getValue()) {
                if (!h.paired) {
                    dropped.add(h.copy);
                    List<Held> held = byKey.get(h.key);
                    held.remove(h);
                    if (held.isEmpty()) {
                        byKey.remove(h.key);
                    }
                }
            }
        }
        return dropped;
    }

    /** Every unpaired suspect with its deadline, for a checkpoint. */
    List<Tuple2<BrickRecord, Long>> snapshot() {
        List<Tuple2<BrickRecord, Long>> out = new ArrayList<>();
        for (List<Held> held : byDeadline.values()) {
            for (Held h : held) {
                if (!h.paired) {
                    out.add(Tuple2.of(h.copy, h.deadline));
                }
            }
        }
        return out;
    }
}
