package io.gnotify.connectors.sink;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A {@link WindowFileSink} that fails once, at a chosen point of the commit protocol, after it has already
 * published {@code after} files: just before the writer hands over finished files, just after it did (files
 * synced, checkpoint not yet complete), or in the committer between two renames.
 */
public final class FaultyWindowFileSink implements Sink<WindowFileLine>, SupportsCommitter<WindowFileCommittable>,
        SupportsWriterState<WindowFileLine, WindowFileWriterState> {
    private static final long serialVersionUID = 1L;
    /** Set once the failure was thrown (the MiniCluster runs in the test JVM). */
    public static final AtomicBoolean FAILED = new AtomicBoolean();
    private static final java.util.concurrent.atomic.AtomicInteger COMMITTED = new java.util.concurrent.atomic.AtomicInteger();

    /** Where the failure is thrown. */
    public enum Point { BEFORE_PREPARE_COMMIT, AFTER_PREPARE_COMMIT, DURING_COMMIT }

    private final WindowFileSink sink;
    private final Point point;
    private final int after;

    public FaultyWindowFileSink(Path base, Point point, int after) {
        this.sink = new WindowFileSink(base);
        this.point = point;
        this.after = after;
        FAILED.set(false);
        COMMITTED.set(0);
    }

    private boolean due(Point here) {
        return point == here && COMMITTED.get() >= after && FAILED.compareAndSet(false, true);
    }

    @Override
    public StatefulSinkWriter<WindowFileLine, WindowFileWriterState> createWriter(WriterInitContext context) throws IOException {
        return new Writer((WindowFileWriter) sink.createWriter(context));
    }

    @Override
    public StatefulSinkWriter<WindowFileLine, WindowFileWriterState> restoreWriter(WriterInitContext context,
            Collection<WindowFileWriterState> recoveredState) throws IOException {
        return new Writer((WindowFileWriter) sink.restoreWriter(context, recoveredState));
    }

    @Override
    public SimpleVersionedSerializer<WindowFileWriterState> getWriterStateSerializer() {
        return sink.getWriterStateSerializer();
    }

    @Override
    public Committer<WindowFileCommittable> createCommitter(CommitterInitContext context) throws IOException {
        Committer<WindowFileCommittable> real = sink.createCommitter(context);
        return new Committer<>() {
            @Override
            public void commit(Collection<CommitRequest<WindowFileCommittable>> requests) throws IOException, InterruptedException {
                List<CommitRequest<WindowFileCommittable>> all = new ArrayList<>(requests);
                for (int i = 0; i < all.size(); i++) {
                    if (i > 0 && due(Point.DURING_COMMIT)) {
                        throw new IOException("injected failure in the committer after " + i + " of " + all.size() + " renames");
                    }
                    real.commit(List.of(all.get(i)));
                    COMMITTED.incrementAndGet();
                }
            }

            @Override
            public void close() throws Exception {
                real.close();
            }
        };
    }

    @Override
    public SimpleVersionedSerializer<WindowFileCommittable> getCommittableSerializer() {
        return sink.getCommittableSerializer();
    }

    /** The real writer, with the failure points around prepareCommit. */
    private final class Writer implements CommittingSinkWriter<WindowFileLine, WindowFileCommittable>,
            StatefulSinkWriter<WindowFileLine, WindowFileWriterState> {
        private final WindowFileWriter real;

        Writer(WindowFileWriter real) {
            this.real = real;
        }

        @Override
        public void write(WindowFileLine line, Context context) throws IOException {
            real.write(line, context);
        }

        @Override
        public void writeWatermark(Watermark mark) {
            real.writeWatermark(mark);
        }

        @Override
        public void flush(boolean endOfInput) {
            real.flush(endOfInput);
        }

        @Override
        public Collection<WindowFileCommittable> prepareCommit() throws IOException {
            if (due(Point.BEFORE_PREPARE_COMMIT)) {
                throw new IOException("injected failure before prepareCommit");
            }
            Collection<WindowFileCommittable> ready = real.prepareCommit();
            if (!ready.isEmpty() && due(Point.AFTER_PREPARE_COMMIT)) {
                throw new IOException("injected failure after prepareCommit synced " + ready.size() + " files");
            }
            return ready;
        }

        @Override
        public List<WindowFileWriterState> snapshotState(long checkpointId) throws IOException {
            return real.snapshotState(checkpointId);
        }

        @Override
        public void close() throws Exception {
            real.close();
        }
    }
}
