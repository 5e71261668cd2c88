package io.gnotify.job.analytics;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * One parallel share of the busiest-directory ranking: directories are partitioned by path, each subtask
 * keeps only its own top N per window and depth, and sends them on once the window's counts are complete.
 * The final ranking merges these few lists, so no stage holds every directory of a window.
 */
public final class DirectoryTopOperator extends AbstractStreamOperator<DirectoryCount>
        implements OneInputStreamOperator<DirectoryCount, DirectoryCount> {
    private static final long serialVersionUID = 1L;
    public static final TypeInformation<DirectoryCount> TYPE = TypeInformation.of(DirectoryCount.class);

    private final int top;
    private transient TopDirectories kept;
    private transient ListState<DirectoryCount> keptState;

    public DirectoryTopOperator(int top) {
        this.top = top;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        keptState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("top-directories", TYPE));
        kept = new TopDirectories(top);
        keptState.get().forEach(kept::add);
    }

    @Override
    public void processElement(StreamRecord<DirectoryCount> element) {
        kept.add(element.getValue());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        kept.takeUpTo(mark.getTimestamp()).values().forEach(list -> list.forEach(c -> output.collect(new StreamRecord<>(c))));
        super.processWatermark(mark);
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        keptState.update(kept.all());
    }
}
