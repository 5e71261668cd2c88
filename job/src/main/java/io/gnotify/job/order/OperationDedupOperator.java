package io.gnotify.job.order;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.BrickRecordSerializer;
import io.gnotify.job.state.ChunkedLog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns copies (keyed by {@link OperationKey}) into operations, once each. Copies wait on the heap until
 * the volume watermark releases their journal second; then each key's released copies are applied in
 * (journal time, brick, offset) order against its counts, read and written once per key and batch. The
 * n-th copy of a key from any brick is the n-th operation with that content; the first copy of each new
 * operation is its representative. Rollover markers pass straight through. The second input brings every
 * brick's markers to every subtask: from them each knows when bricks journalled, and holds back what
 * self-heal logs on a brick that came back ({@link HealSuspects}). See docs/design.md.
 */
public final class OperationDedupOperator extends AbstractStreamOperator<VolumeEvent>
        implements TwoInputStreamOperator<BrickRecord, BrickRecord, VolumeEvent> {
    private static final long serialVersionUID = 1L;
    /** Keys applied per step of a release (each step a mail of its own, so a checkpoint barrier is taken between). */
    static final int STEP_KEYS = 256;
    static final Comparator<BrickRecord> COPY_ORDER = (a, b) -> {
        int c = Long.compare(a.journalTs(), b.journalTs());
        if (c == 0) {
            c = Integer.compare(a.brick(), b.brick());
        }
        return c != 0 ? c : Long.compare(a.offset(), b.offset());
    };

    private static final Logger LOG = LoggerFactory.getLogger(OperationDedupOperator.class);

    private final long horizonMillis;
    private final CopyExpectation expectation;
    private final long healGraceSeconds;
    private transient ValueState<long[]> counts;
    /**
     * Unreleased copies at a checkpoint, serialized in chunks (a checkpoint then writes a few arrays); every
     * subtask restores the union and keeps its own key groups.
     */
    private transient ListState<byte[]> pendingState;
    private transient List<BrickRecord> restoredPending;
    /** The bricks' timelines; every subtask holds the same ones. */
    private transient BroadcastState<Integer, long[]> timelineState;
    private transient BrickTimelines timelines;
    /** Held heal suspects at a checkpoint, with their deadlines (union, like the unreleased copies). */
    private transient ListState<Tuple2<BrickRecord, Long>> suspectState;
    private transient List<Tuple2<BrickRecord, Long>> restoredSuspects;
    private transient HealSuspects suspects;
    private transient Counter healDropped;
    /** Heal copies dropped per brick index, for the log. */
    private transient Map<Integer, long[]> healByBrick;
    /** Keys holding counts, by the time their counts may expire (rebuilt from state on restore). */
    private transient TimeBuckets<List<OperationId>> expiries;
    private transient long watermark = Long.MIN_VALUE;
    /** Unreleased copies by journal second, then by key. */
    private transient TimeBuckets<Map<OperationId, List<BrickRecord>>> batch;
    private transient Counter operations;
    private transient Counter duplicates;
    private transient Counter lateDropped;
    /**
     * The keys that hold counts, with the journal second of each one's last copy (a heap index of the keyed
     * state): fresh keys cost no state read, and expiry is decided without one.
     */
    private transient Map<OperationId, long[]> keysWithCounts;
    private transient long peakLiveKeys;
    /** Late copies dropped per brick index, for the log. */
    private transient Map<Integer, long[]> lateByBrick;
    private transient SteppedRelease release;
    /** The keys of the release under way (null if none), applied up to {@link #nextKey}. */
    private transient List<Map.Entry<OperationId, List<BrickRecord>>> releaseQueue;
    private transient int nextKey;

    /**
     * {@code horizonMillis}: how long (event time) a key's counts outlive its last copy; {@code expectation}:
     * which bricks log which operations, so complete operations leave no state behind; {@code healGraceMillis}:
     * how long after a brick's return its lone data and metadata copies are checked against its replicas'.
     */
    public OperationDedupOperator(long horizonMillis, CopyExpectation expectation, long healGraceMillis) {
        this.horizonMillis = horizonMillis;
        this.expectation = expectation;
        this.healGraceSeconds = healGraceMillis / 1000;
    }

    @Override
    public void close() throws Exception {
        LOG.info("dedup subtask {}: {} keys hold counts at the end, at most {} at once (restores count from 0)",
                getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), keysWithCounts.size(), peakLiveKeys);
        lateByBrick.forEach((brick, n) -> LOG.warn("brick #{}: {} records arrived behind the volume watermark and "
                + "were dropped", brick, n[0]));
        healByBrick.forEach((brick, n) -> LOG.info("brick #{}: {} data and metadata records logged by self-heal after "
                + "its return were dropped", brick, n[0]));
        super.close();
    }

    /** A journal second {@code ts} is released once the watermark reaches this. */
    static long releaseTime(long ts) {
        return ts * 1000 + 999;
    }

    /** The last journal second the watermark {@code wm} releases (the inverse of {@link #releaseTime}). */
    static long lastReleasedSecond(long wm) {
        return wm == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(wm + 1, 1000) - 1;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pendingState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>(
                "unreleased-copy-chunks", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        // Earlier builds kept one element per copy: read on restore, then cleared.
        ListState<BrickRecord> legacyPendingState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("unreleased-copies", BrickRecordSerializer.TYPE));
        restoredPending = new ArrayList<>();
        legacyPendingState.get().forEach(restoredPending::add);
        legacyPendingState.clear();
        ChunkedLog.replay(pendingState.get(), BrickRecordSerializer.INSTANCE, restoredPending::add);
        timelineState = context.getOperatorStateStore().getBroadcastState(new MapStateDescriptor<>("brick-timelines",
                Types.INT, PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        timelines = BrickTimelines.restore(timelineState.entries());
        suspectState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("heal-suspects",
                new TupleTypeInfo<>(BrickRecordSerializer.TYPE, Types.LONG)));
        restoredSuspects = new ArrayList<>();
        for (Tuple2<BrickRecord, Long> h : suspectState.get()) {
            restoredSuspects.add(h);
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        ChunkedLog<BrickRecord> unreleased = new ChunkedLog<>(BrickRecordSerializer.INSTANCE);
        if (releaseQueue != null) {
            // A release under way: the keys it has not applied yet come back as unreleased copies on a restore.
            for (int i = nextKey; i < releaseQueue.size(); i++) {
                releaseQueue.get(i).getValue().forEach(unreleased::append);
            }
        }
        for (Map<OperationId, List<BrickRecord>> bucket : batch.values()) {
            for (List<BrickRecord> copies : bucket.values()) {
                copies.forEach(unreleased::append);
            }
        }
        pendingState.update(unreleased.chunks());
        timelineState.clear();
        timelineState.putAll(timelines.snapshot());
        suspectState.update(suspects.snapshot());
    }

    @Override
    public void open() throws Exception {
        super.open();
        // The task's mailbox at this operator's priority, as Flink hands it to yielding operators.
        release = new SteppedRelease(
                getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex()),
                "dedup", new Release());
        counts = getRuntimeContext().getState(
                new ValueStateDescriptor<>("counts", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        batch = new TimeBuckets<>(HashMap::new);
        suspects = new HealSuspects(healGraceSeconds, expectation);
        for (BrickRecord r : restoredPending) {
            if (ownKey(r)) {
                addToBatch(OperationId.of(r), r);
            }
        }
        for (Tuple2<BrickRecord, Long> h : restoredSuspects) {
            if (ownKey(h.f0)) {
                suspects.hold(OperationId.of(h.f0), h.f0, h.f1);
            }
        }
        restoredPending = null;
        restoredSuspects = null;
        operations = getMetricGroup().counter("operations");
        duplicates = getMetricGroup().counter("duplicateCopies");
        lateDropped = getMetricGroup().counter("lateCopiesDropped");
        lateByBrick = new HashMap<>();
        healDropped = getMetricGroup().counter("healCopiesDropped");
        healByBrick = new HashMap<>();
        keysWithCounts = new HashMap<>();
        expiries = new TimeBuckets<>(ArrayList::new);
        List<OperationId> restored = new ArrayList<>();
        try (java.util.stream.Stream<Object> keys = getKeyedStateBackend().getKeys("counts", VoidNamespace.INSTANCE)) {
            keys.forEach(k -> restored.add((OperationId) k));
        }
        for (OperationId k : restored) {
            setCurrentKey(k);
            long lastTs = new DedupCounts(counts.value()).lastTs();
            keysWithCounts.put(k, new long[] {lastTs});
            scheduleExpiry(k, lastTs);
        }
        getMetricGroup().gauge("liveKeys", () -> keysWithCounts.size());
        // Share of copies that were duplicates (0 on a pure distribute volume, about 0.5 on replica 2).
        getMetricGroup().gauge("dedupRatio", () -> {
            long all = operations.getCount() + duplicates.getCount();
            return all == 0 ? 0.0 : duplicates.getCount() / (double) all;
        });
    }

    /** True if {@code r}'s key belongs to this subtask (restored state is the union of all subtasks'). */
    private boolean ownKey(BrickRecord r) {
        var task = getRuntimeContext().getTaskInfo();
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(OperationId.of(r),
                task.getMaxNumberOfParallelSubtasks(), task.getNumberOfParallelSubtasks()) == task.getIndexOfThisSubtask();
    }

    @Override
    public void processElement1(StreamRecord<BrickRecord> element) {
        BrickRecord r = element.getValue();
        if (r.isRollover()) {
            // Markers are never copies of each other: straight on to the sequencer, late ones too.
            output.collect(new StreamRecord<>(VolumeEvent.rollover(r.journalTs(), r.brick(), r.rollover()),
                    r.eventTimeMillis()));
            return;
        }
        if (releaseTime(r.journalTs()) <= watermark) {
            dropLate(r);
            return;
        }
        addToBatch((OperationId) getCurrentKey(), r);
    }

    /**
     * Only a brick that stopped holding the watermark can deliver behind it: one that was down and carried by
     * a live replica, whose copies were already applied (a duplicate), or one whose whole subvolume was
     * published as a gap after the subvolume gap timeout (its windows say {@code gap}; the record is lost to
     * them, and counted).
     */
    private void dropLate(BrickRecord r) {
        lateDropped.inc();
        long[] n = lateByBrick.computeIfAbsent(r.brick(), b -> new long[1]);
        if (n[0]++ == 0) {
            LOG.warn("brick #{} delivers records behind the volume watermark (journal second {}): dropped and counted "
                    + "in lateCopiesDropped; they are copies of a live replica's, or of a subvolume published as a "
                    + "gap", r.brick(), r.journalTs());
        }
    }

    /** Every brick's rollover markers, broadcast to every subtask: they only feed the timelines. */
    @Override
    public void processElement2(StreamRecord<BrickRecord> element) {
        BrickRecord m = element.getValue();
        timelines.marker(m.brick(), m.journalTs(), m.rollover());
    }

    /** Copies dropped because they arrived behind the watermark (the {@code lateCopiesDropped} metric). */
    long lateCopiesDropped() {
        return lateDropped.getCount();
    }

    /** Copies dropped as self-heal's (the {@code healCopiesDropped} metric). */
    long healCopiesDropped() {
        return healDropped.getCount();
    }

    private void addToBatch(OperationId key, BrickRecord r) {
        batch.at(r.journalTs()).computeIfAbsent(key, k -> new ArrayList<>(2)).add(r);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        // Copies behind it are late from now on, even while an earlier release is still under way.
        watermark = mark.getTimestamp();
        release.watermark(mark);
    }

    /** The release of one watermark: its keys' copies, {@link #STEP_KEYS} keys per step. */
    private final class Release implements SteppedRelease.Work {
        @Override
        public void begin(Watermark mark) {
            releaseQueue = new ArrayList<>(takeReleased(mark.getTimestamp()).entrySet());
            nextKey = 0;
        }

        @Override
        public boolean step() throws Exception {
            int end = Math.min(releaseQueue.size(), nextKey + STEP_KEYS);
            for (; nextKey < end; nextKey++) {
                Map.Entry<OperationId, List<BrickRecord>> e = releaseQueue.get(nextKey);
                setCurrentKey(e.getKey());
                apply(e.getValue());
            }
            return nextKey == releaseQueue.size();
        }

        @Override
        public void end(Watermark mark) throws Exception {
            releaseQueue = null;
            endRelease(mark);
        }
    }

    /** End of input: the release under way (the last watermark's) is applied in full before the operator finishes. */
    @Override
    public void finish() throws Exception {
        release.finish();
        super.finish();
    }

    /** After a watermark's copies are applied: heal suspects and counts that it expires go, then it moves on. */
    private void endRelease(Watermark mark) throws Exception {
        long wm = mark.getTimestamp();
        for (BrickRecord healed : suspects.expire(wm)) {
            healDropped.inc();
            if (healByBrick.computeIfAbsent(healed.brick(), b -> new long[1])[0]++ == 0) {
                LOG.info("brick #{} came back at journal second {}: the data and metadata records it logs alone while "
                        + "its replicas journal are self-heal's, dropped and counted in healCopiesDropped",
                        healed.brick(), timelines.returned(healed.brick()));
            }
        }
        expireUpTo(wm);
        output.emitWatermark(mark);
    }

    /** Drops the counts of keys whose last copy is a horizon behind the watermark; re-queues touched ones. */
    private void expireUpTo(long wm) throws Exception {
        for (List<OperationId> due = expiries.pollUpTo(wm); due != null; due = expiries.pollUpTo(wm)) {
            for (OperationId key : due) {
                long[] last = keysWithCounts.get(key);
                if (last == null) {
                    continue;
                }
                long expiry = expiry(last[0]);
                if (expiry <= wm) {
                    setCurrentKey(key);
                    counts.clear();
                    keysWithCounts.remove(key);
                } else {
                    expiries.at(expiry).add(key);
                }
            }
        }
    }

    private void scheduleExpiry(OperationId key, long lastTs) {
        expiries.at(expiry(lastTs)).add(key);
    }

    /**
     * Applies one key's released copies in copy order and emits the new operations. A copy that comes more
     * than a horizon (event time) after the key's last copy starts from fresh counts, whatever the batching.
     */
    private void apply(List<BrickRecord> copies) throws Exception {
        copies.sort(COPY_ORDER);
        OperationId key = (OperationId) getCurrentKey();
        long[] last = keysWithCounts.get(key);
        long[] stored = last != null ? counts.value() : null;
        DedupCounts c = new DedupCounts(stored);
        NewOperations fresh = new NewOperations(c.emitted());
        for (BrickRecord copy : copies) {
            if (c.lastTs() != Long.MIN_VALUE && releaseTime(copy.journalTs()) > expiry(c.lastTs())) {
                emit(fresh);
                c = new DedupCounts(null);
                fresh = new NewOperations(0);
            }
            if (c.count(copy.brick()) >= c.emitted()) {
                long until = suspects.suspectUntil(copy, timelines);
                if (until != Long.MIN_VALUE) {
                    // Would be a new operation: maybe self-heal's. Not counted unless a replica's copy follows.
                    suspects.hold(key, copy, until);
                    continue;
                }
            }
            long n = c.increment(copy.brick());
            c.seen(copy.journalTs());
            if (n > c.emitted()) {
                c.emitted(n);
                fresh.add(copy);
                BrickRecord client = suspects.pair(key, copy.brick());
                if (client != null) {
                    c.increment(client.brick());
                    fresh.alsoLoggedBy(n, client);
                }
            } else {
                duplicates.inc();
                fresh.alsoLoggedBy(n, copy);
            }
        }
        if (expectation.complete(copies.get(0).record(), copies.get(0).brick(), c)) {
            // Every brick that logs this operation has logged it: no copy can still come.
            if (stored != null) {
                counts.clear();
                keysWithCounts.remove(key);
            }
        } else {
            counts.update(c.toArray());
            if (last != null) {
                last[0] = c.lastTs();
            }
            if (stored == null) {
                // Queued once; the queue re-checks and re-queues a key that was touched since.
                scheduleExpiry(key, c.lastTs());
                keysWithCounts.put(key, new long[] {c.lastTs()});
                peakLiveKeys = Math.max(peakLiveKeys, keysWithCounts.size());
            }
        }
        emit(fresh);
    }

    private void emit(NewOperations ops) {
        for (int i = 0; i < ops.reps.size(); i++) {
            BrickRecord rep = ops.reps.get(i);
            output.collect(new StreamRecord<>(new VolumeEvent(-1, rep.journalTs(), rep.brick(), rep.offset(),
                    ops.sources.get(i).toSortedArray(), rep.record()), rep.eventTimeMillis()));
            operations.inc();
        }
    }

    /** Operations first seen in one apply pass, numbered from {@code emitted + 1}, with the bricks that logged them. */
    private static final class NewOperations {
        final long first;
        final List<BrickRecord> reps = new ArrayList<>(1);
        final List<BrickSet> sources = new ArrayList<>(1);

        NewOperations(long emittedBefore) {
            this.first = emittedBefore + 1;
        }

        void add(BrickRecord rep) {
            reps.add(rep);
            BrickSet s = new BrickSet();
            s.add(rep.brick());
            sources.add(s);
        }

        /** Copy number {@code n} from another brick: record the brick if it logged it in the same second. */
        void alsoLoggedBy(long n, BrickRecord copy) {
            int i = (int) (n - first);
            if (i >= 0 && i < reps.size() && reps.get(i).journalTs() == copy.journalTs()) {
                sources.get(i).add(copy.brick());
            }
        }
    }

    private long expiry(long lastTs) {
        return releaseTime(lastTs) + horizonMillis;
    }

    /** Removes and returns every batched copy the watermark {@code wm} releases, grouped by key. */
    private Map<OperationId, List<BrickRecord>> takeReleased(long wm) {
        long lastReleased = lastReleasedSecond(wm);
        Map<OperationId, List<BrickRecord>> first = batch.pollUpTo(lastReleased);
        if (first == null || !batch.hasUpTo(lastReleased)) {
            return first == null ? Map.of() : first;
        }
        Map<OperationId, List<BrickRecord>> byKey = new HashMap<>();
        for (Map<OperationId, List<BrickRecord>> bucket = first; bucket != null; bucket = batch.pollUpTo(lastReleased)) {
            for (Map.Entry<OperationId, List<BrickRecord>> e : bucket.entrySet()) {
                byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>(e.getValue().size())).addAll(e.getValue());
            }
        }
        return byKey;
    }
}
