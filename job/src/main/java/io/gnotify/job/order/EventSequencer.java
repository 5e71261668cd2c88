package io.gnotify.job.order;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
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
 * Rollover markers are ordered the same way but get no number. The pending operations and the next number
 * are checkpointed.
 */
public final class EventSequencer extends AbstractStreamOperator<VolumeEvent>
        implements OneInputStreamOperator<VolumeEvent, VolumeEvent> {
    private static final long serialVersionUID = 1L;

    /** Operations waiting for release, by journal second. */
    private transient TreeMap<Long, List<VolumeEvent>> pending;
    private transient long nextSeq;
    private transient ListState<VolumeEvent> pendingState;
    private transient ListState<Long> seqState;
    private transient Counter sequenced;

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pendingState = context.getOperatorStateStore()
                .getListState(new ListStateDescriptor<>("pending", VolumeEventSerializer.TYPE));
        seqState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("next-seq", Types.LONG));
        pending = new TreeMap<>();
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
        sequenced = getMetricGroup().counter("eventsSequenced");
    }

    @Override
    public void processElement(StreamRecord<VolumeEvent> element) {
        add(element.getValue());
    }

    private void add(VolumeEvent e) {
        pending.computeIfAbsent(e.journalTs(), t -> new ArrayList<>()).add(e);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        while (!pending.isEmpty() && OperationDedupOperator.releaseTime(pending.firstKey()) <= mark.getTimestamp()) {
            List<VolumeEvent> second = pending.pollFirstEntry().getValue();
            second.sort(VolumeEvent.ORDER);
            for (VolumeEvent e : second) {
                if (e.isOperation()) {
                    e = e.withSeq(nextSeq++);
                    sequenced.inc();
                }
                output.collect(new StreamRecord<>(e, e.journalTs() * 1000));
            }
        }
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<VolumeEvent> all = new ArrayList<>();
        pending.values().forEach(all::addAll);
        pendingState.update(all);
        seqState.update(List.of(nextSeq));
    }
}
