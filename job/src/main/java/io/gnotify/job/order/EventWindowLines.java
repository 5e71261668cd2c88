package io.gnotify.job.order;

import io.gnotify.connectors.event.EventJson;
import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.sink.FileChunks;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.job.WindowGrid;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Writes the ordered events as JSON lines into their window's file, {@code <volume>/events/<start>-<end>.jsonl}
 * (parallelism 1). Windows run contiguously from the first event's window; a window without events still
 * gets its (empty) file: between events always, and in continuous mode also as the watermark passes. Lines go
 * out in chunks of about {@link FileChunks#CHUNK} bytes, one window's lines per chunk: a chunk is complete at that
 * size, at the next window's first event, and before every watermark, checkpoint barrier and the end of input,
 * so the sink holds every line of a window before the watermark that commits it and before a checkpoint.
 */
public final class EventWindowLines extends AbstractStreamOperator<WindowFileLine>
        implements OneInputStreamOperator<VolumeEvent, WindowFileLine> {
    private static final long serialVersionUID = 1L;

    private final String volume;
    private final WindowGrid grid;
    private final boolean emptyWindowsFromWatermarks;
    private transient long next;
    private transient ListState<Long> nextState;
    private transient EventJson json;
    /** Window start of the lines in {@link #json}'s buffer (meaningless while it is empty). */
    private transient long bufferedStart;

    public EventWindowLines(String volume, WindowGrid grid, boolean emptyWindowsFromWatermarks) {
        this.volume = volume;
        this.grid = grid;
        this.emptyWindowsFromWatermarks = emptyWindowsFromWatermarks;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        nextState = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("next-window", Types.LONG));
        json = new EventJson();
        next = Long.MIN_VALUE;
        for (Long n : nextState.get()) {
            next = n;
        }
    }

    @Override
    public void processElement(StreamRecord<VolumeEvent> element) {
        VolumeEvent e = element.getValue();
        if (!e.isOperation()) {
            return;
        }
        long start = grid.start(e.journalTs());
        if (start != bufferedStart) {
            emitBuffered();
            bufferedStart = start;
        }
        fillEmptyBefore(start);
        next = Math.max(next, grid.end(start));
        json.append(e);
        if (json.size() >= FileChunks.CHUNK) {
            emitBuffered();
        }
    }

    /** Sends the buffered lines, if any, as one chunk of their window's file. */
    private void emitBuffered() {
        if (json.size() > 0) {
            output.collect(new StreamRecord<>(new WindowFileLine(grid.end(bufferedStart), file(bufferedStart), json.take())));
        }
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        emitBuffered();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        emitBuffered();
        super.finish();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        emitBuffered();
        if (emptyWindowsFromWatermarks && next != Long.MIN_VALUE && mark.getTimestamp() != Long.MAX_VALUE) {
            while (grid.end(next) * 1000 - 1 <= mark.getTimestamp()) {
                fillEmptyBefore(grid.end(next));
            }
        }
        super.processWatermark(mark);
    }

    /** Creates the (empty) files of the windows from {@link #next} up to, not including, {@code start}. */
    private void fillEmptyBefore(long start) {
        if (next == Long.MIN_VALUE) {
            next = start;
        }
        for (; next < start; next = grid.end(next)) {
            output.collect(new StreamRecord<>(new WindowFileLine(grid.end(next), file(next), new byte[0])));
        }
    }

    /** The events file of the window starting at {@code start} (named once per chunk, so not cached). */
    private String file(long start) {
        return volume + "/events/" + grid.name(start) + ".jsonl";
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        nextState.update(List.of(next));
    }
}
