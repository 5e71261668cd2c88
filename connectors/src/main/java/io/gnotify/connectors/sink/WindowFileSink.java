package io.gnotify.connectors.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Exactly-once per-window files on a local or shared POSIX file system: lines go to hidden in-progress
 * files, a window's files are fsynced at the first checkpoint after the watermark completes the window,
 * and renamed into place atomically once that checkpoint completes. Names are deterministic, so a
 * re-commit after recovery is detected; a crash at any point yields the same files as a clean run.
 */
public final class WindowFileSink implements Sink<WindowFileLine>, SupportsCommitter<WindowFileCommittable>,
        SupportsWriterState<WindowFileLine, WindowFileWriterState> {
    private static final long serialVersionUID = 1L;

    private final String base;

    public WindowFileSink(Path base) {
        this.base = base.toAbsolutePath().toString();
    }

    @Override
    public StatefulSinkWriter<WindowFileLine, WindowFileWriterState> createWriter(WriterInitContext context)
            throws IOException {
        return new WindowFileWriter(Paths.get(base), List.of());
    }

    @Override
    public StatefulSinkWriter<WindowFileLine, WindowFileWriterState> restoreWriter(WriterInitContext context,
            Collection<WindowFileWriterState> recoveredState) throws IOException {
        return new WindowFileWriter(Paths.get(base), recoveredState);
    }

    @Override
    public SimpleVersionedSerializer<WindowFileWriterState> getWriterStateSerializer() {
        return new WindowFileSerializers.WriterStates();
    }

    @Override
    public Committer<WindowFileCommittable> createCommitter(CommitterInitContext context) {
        return new WindowFileCommitter(context.metricGroup().counter("windowFileConflicts"));
    }

    @Override
    public SimpleVersionedSerializer<WindowFileCommittable> getCommittableSerializer() {
        return new WindowFileSerializers.Committables();
    }
}
