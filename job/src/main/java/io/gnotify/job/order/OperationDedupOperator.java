package io.gnotify.job.order;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.BrickRecordSerializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Turns copies (keyed by {@link OperationKey}) into operations, once each. Copies wait on the heap until
 * the volume watermark releases their journal second; then each key's released copies are applied in
 * (journal time, brick, offset) order against its counts, read and written once per key and batch. The
 * n-th copy of a key from any brick is the n-th operation with that content; the first copy of each new
 * operation is its representative. See docs/design.md.
 */
public final class OperationDedupOperator extends AbstractStreamOperator<VolumeEvent>
        implements OneInputStreamOperator<BrickRecord, VolumeEvent>, Triggerable<Tuple2<Long, Long>, VoidNamespace> {
    private static final long serialVersionUID = 1L;
    static final Comparator<BrickRecord> COPY_ORDER = Comparator.comparingLong(BrickRecord::journalTs)
            .thenComparingInt(BrickRecord::brick).thenComparingLong(BrickRecord::offset);

    private final long horizonMillis;
    private transient ValueState<long[]> counts;
    private transient ListState<BrickRecord> spilled;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Map<Tuple2<Long, Long>, List<BrickRecord>> batch;
    private transient Counter operations;
    private transient Counter duplicates;
    private transient Counter lateDropped;

    /** {@code horizonMillis}: how long (event time) a key's counts outlive its last copy. */
    public OperationDedupOperator(long horizonMillis) {
        this.horizonMillis = horizonMillis;
    }

    /** A journal second {@code ts} is released once the watermark reaches this. */
    static long releaseTime(long ts) {
        return ts * 1000 + 999;
    }

    @Override
    public void open() throws Exception {
        super.open();
        counts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        spilled = getRuntimeContext().getListState(new ListStateDescriptor<>("spilled", BrickRecordSerializer.TYPE));
        timers = getInternalTimerService("dedup", VoidNamespaceSerializer.INSTANCE, this);
        batch = new HashMap<>();
        operations = getMetricGroup().counter("operations");
        duplicates = getMetricGroup().counter("duplicateCopies");
        lateDropped = getMetricGroup().counter("lateCopiesDropped");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(StreamRecord<BrickRecord> element) {
        BrickRecord r = element.getValue();
        if (releaseTime(r.journalTs()) <= timers.currentWatermark()) {
            // Only a brick that was down and carried by a live replica can deliver behind the watermark:
            // its replica's copies were already applied, so this one is a duplicate.
            lateDropped.inc();
            return;
        }
        batch.computeIfAbsent((Tuple2<Long, Long>) getCurrentKey(), k -> new ArrayList<>(2)).add(r);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (timeServiceManager != null) {
            timeServiceManager.advanceWatermark(mark);
        }
        long wm = mark.getTimestamp();
        for (Iterator<Map.Entry<Tuple2<Long, Long>, List<BrickRecord>>> it = batch.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tuple2<Long, Long>, List<BrickRecord>> e = it.next();
            List<BrickRecord> released = takeReleased(e.getValue(), wm);
            if (!released.isEmpty()) {
                setCurrentKey(e.getKey());
                apply(released);
            }
            if (e.getValue().isEmpty()) {
                it.remove();
            }
        }
        output.emitWatermark(mark);
    }

    /** Spilled copies and cleanup: merge this key's spilled and batched copies up to the watermark, then expire. */
    @Override
    @SuppressWarnings("unchecked")
    public void onEventTime(InternalTimer<Tuple2<Long, Long>, VoidNamespace> timer) throws Exception {
        long wm = timers.currentWatermark();
        List<BrickRecord> copies = new ArrayList<>();
        List<BrickRecord> keep = new ArrayList<>();
        Iterable<BrickRecord> spilledCopies = spilled.get();
        if (spilledCopies != null) {
            for (BrickRecord r : spilledCopies) {
                (releaseTime(r.journalTs()) <= wm ? copies : keep).add(r);
            }
        }
        List<BrickRecord> batched = batch.get(timer.getKey());
        if (batched != null) {
            copies.addAll(takeReleased(batched, wm));
            if (batched.isEmpty()) {
                batch.remove(timer.getKey());
            }
        }
        if (!copies.isEmpty()) {
            spilled.update(keep);
            if (!keep.isEmpty()) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, keep.stream()
                        .mapToLong(r -> releaseTime(r.journalTs())).min().getAsLong());
            }
            apply(copies);
        }
        long[] stored = counts.value();
        if (stored != null) {
            long expiry = expiry(new DedupCounts(stored).lastTs());
            if (expiry <= wm) {
                counts.clear();
            } else if (expiry > timer.getTimestamp()) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, expiry);
            }
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<Tuple2<Long, Long>, VoidNamespace> timer) {}

    /** Before a checkpoint barrier, unreleased copies move into keyed state, so restore and rescaling keep them. */
    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        for (Map.Entry<Tuple2<Long, Long>, List<BrickRecord>> e : batch.entrySet()) {
            setCurrentKey(e.getKey());
            spilled.addAll(e.getValue());
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE,
                    e.getValue().stream().mapToLong(r -> releaseTime(r.journalTs())).min().getAsLong());
        }
        batch.clear();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    /** Applies one key's released copies in copy order and emits the new operations. */
    private void apply(List<BrickRecord> copies) throws Exception {
        copies.sort(COPY_ORDER);
        long[] stored = counts.value();
        DedupCounts c = new DedupCounts(stored);
        List<BrickRecord> reps = new ArrayList<>(1);
        List<TreeSet<Integer>> sources = new ArrayList<>(1);
        long firstNew = c.emitted() + 1;
        for (BrickRecord copy : copies) {
            long n = c.increment(copy.brick());
            c.seen(copy.journalTs());
            if (n > c.emitted()) {
                c.emitted(n);
                reps.add(copy);
                TreeSet<Integer> s = new TreeSet<>();
                s.add(copy.brick());
                sources.add(s);
            } else {
                duplicates.inc();
                int i = (int) (n - firstNew);
                if (i >= 0 && i < reps.size() && reps.get(i).journalTs() == copy.journalTs()) {
                    sources.get(i).add(copy.brick());
                }
            }
        }
        counts.update(c.toArray());
        if (stored == null) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, expiry(c.lastTs()));
        }
        for (int i = 0; i < reps.size(); i++) {
            BrickRecord rep = reps.get(i);
            int[] bricks = sources.get(i).stream().mapToInt(Integer::intValue).toArray();
            output.collect(new StreamRecord<>(new VolumeEvent(-1, rep.journalTs(), rep.brick(), rep.offset(), bricks,
                    rep.record()), rep.eventTimeMillis()));
            operations.inc();
        }
    }

    private long expiry(long lastTs) {
        return releaseTime(lastTs) + horizonMillis;
    }

    private static List<BrickRecord> takeReleased(List<BrickRecord> copies, long wm) {
        List<BrickRecord> released = new ArrayList<>();
        for (Iterator<BrickRecord> it = copies.iterator(); it.hasNext(); ) {
            BrickRecord r = it.next();
            if (releaseTime(r.journalTs()) <= wm) {
                released.add(r);
                it.remove();
            }
        }
        return released;
    }
}
