package io.gnotify.job.order;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The single point of order (parallelism 1): holds operations until the volume watermark releases their
 * journal second, then emits them sorted by (journal time, brick, offset) and numbers them 1, 2, 3, ...
 * Rollover markers are ordered the same way but get no number. A release goes out in steps of
 * {@link #STEP_EVENTS} events, each a mail of its own, so that a checkpoint barrier is taken between them;
 * the watermark follows its last step. The pending operations (those of a release under way included) and
 * the next number are checkpointed.
 */
public final class EventSequencer extends AbstractStreamOperator<VolumeEvent>
        implements OneInputStreamOperator<VolumeEvent, VolumeEvent> {
    private static final long serialVersionUID = 1L;
    /** Events emitted per step of a release. */
    static final int STEP_EVENTS = 512;

    /** Operations waiting for release, by journal second. */
    private transient TimeBuckets<List<VolumeEvent>> pending;
    private transient long nextSeq;
    private transient ListState<VolumeEvent> pendingState;
    private transient ListState<Long> seqState;
    private transient Counter sequenced;
    private transient SteppedRelease release;
    /** The second being emitted (what is left of it belongs in a checkpoint), sorted, and how far. */
    private transient List<VolumeEvent> released;
    private transient int next;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pendingState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("pending", VolumeEventSerializer.TYPE));
        seqState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("next-seq", Types.LONG));
        pending = new TimeBuckets<>(ArrayList::new);
        nextSeq = 1;
        for (VolumeEvent e : pendingState.get()) {
            add(e);
        }
        for (Long s : seqState.get()) {
            nextSeq = Math.max(nextSeq, s);
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        // The task's mailbox at this operator's priority, as Flink hands it to yielding operators.
        release = new SteppedRelease(
                getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex()),
                "volume order", new Release());
        sequenced = getMetricGroup().counter("eventsSequenced");
    }

    @Override
    public void processElement(StreamRecord<VolumeEvent> element) {
        add(element.getValue());
    }

    private void add(VolumeEvent e) {
        pending.at(e.journalTs()).add(e);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        release.watermark(mark);
    }

    /** The release of one watermark: the released seconds, sorted, {@link #STEP_EVENTS} events per step. */
    private final class Release implements SteppedRelease.Work {
        private long upTo;

        @Override
        public void begin(Watermark mark) {
            upTo = mark.getTimestamp();
        }

        @Override
        public boolean step() {
            int budget = STEP_EVENTS;
            while (budget > 0) {
                if (released == null || next == released.size()) {
                    released = pending.pollUpTo(OperationDedupOperator.lastReleasedSecond(upTo));
                    if (released == null) {
                        return true;
                    }
                    released.sort(VolumeEvent.ORDER);
                    next = 0;
                }
                int end = Math.min(released.size(), next + budget);
                budget -= end - next;
                for (; next < end; next++) {
                    VolumeEvent e = released.get(next);
                    if (e.isOperation()) {
                        e = e.withSeq(nextSeq++);
                        sequenced.inc();
                    }
                    output.collect(new StreamRecord<>(e, e.journalTs() * 1000));
                }
            }
            return false;
        }

        @Override
        public void end(Watermark mark) throws Exception {
            EventSequencer.super.processWatermark(mark);
        }
    }

    /** End of input: the release under way (the last watermark's) goes out in full before the operator finishes. */
    @Override
    public void finish() throws Exception {
        release.finish();
        super.finish();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<VolumeEvent> all = new ArrayList<>();
        if (released != null) {
            // A release under way: what it has not emitted yet comes back as pending on a restore.
            all.addAll(released.subList(next, released.size()));
        }
        pending.values().forEach(all::addAll);
        pendingState.update(all);
        seqState.update(List.of(nextSeq));
    }
}
