package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.event.BrickProgressEvent;
import io.gnotify.connectors.source.event.BrickStatusEvent;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.source.split.BrickSplitState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Source reader for brick journals: one fetcher thread follows every brick assigned to this subtask; the
 * reader reports each brick's progress to the enumerator and applies the down/up verdicts it sends back.
 */
public final class BrickJournalSourceReader
        extends SingleThreadMultiplexSourceReaderBase<BrickElement, BrickRecord, BrickSplit, BrickSplitState> {
    private static final Logger LOG = LoggerFactory.getLogger(BrickJournalSourceReader.class);

    private final BrickStatusBoard board;
    private final BrickProblemReporter problems;
    private final Map<String, BrickMetrics> metrics;
    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();
    private final long progressIntervalMillis;
    /** This run's mode: splits restored from a run of the other mode take it ({@link BrickSplit#inMode}). */
    private final boolean boundedRun;

    private BrickJournalSourceReader(Configuration config, SourceReaderContext context, BrickStatusBoard board,
            BrickProblemReporter problems, Map<String, BrickMetrics> metrics, ProgressForwarder forwarder,
            long pollIntervalMillis, int maxPerBrick, long progressIntervalMillis, boolean boundedRun) {
        super(() -> new BrickSplitReader(board, problems, pollIntervalMillis, maxPerBrick),
                new BrickRecordEmitter(metrics, forwarder), config, context);
        this.board = board;
        this.problems = problems;
        this.metrics = metrics;
        this.progressIntervalMillis = progressIntervalMillis;
        this.boundedRun = boundedRun;
    }

    /**
     * Creates a reader polling every {@code pollIntervalMillis} for at most {@code maxPerBrick} records per brick;
     * {@code boundedRun}: the job reads the journals present at its start and ends.
     */
    public static BrickJournalSourceReader create(Configuration config, SourceReaderContext context,
            long pollIntervalMillis, int maxPerBrick, long progressIntervalMillis, boolean boundedRun) {
        ProgressForwarder forwarder = new ProgressForwarder();
        BrickJournalSourceReader r = new BrickJournalSourceReader(config, context, new BrickStatusBoard(),
                new BrickProblemReporter(), new ConcurrentHashMap<>(), forwarder, pollIntervalMillis, maxPerBrick,
                progressIntervalMillis, boundedRun);
        forwarder.reader = r;
        return r;
    }

    @Override
    public void addSplits(List<BrickSplit> splits) {
        super.addSplits(splits.stream().map(s -> s.inMode(boundedRun)).toList());
    }

    @Override
    public void start() {
        // Splits are pushed by the enumerator once every reader has registered.
    }

    @Override
    protected void onSplitFinished(Map<String, BrickSplitState> finished) {
        finished.keySet().forEach(id -> LOG.info("brick {}: all journals present at start are read", id));
    }

    @Override
    protected BrickSplitState initializedState(BrickSplit split) {
        metrics.computeIfAbsent(split.splitId(), id -> new BrickMetrics(context.metricGroup(), id, board, problems));
        LOG.info("reading {}", split);
        return new BrickSplitState(split);
    }

    @Override
    protected BrickSplit toSplitType(String splitId, BrickSplitState state) {
        return state.toSplit();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof BrickStatusEvent s) {
            board.status(s.brick(), s.down(), s.carried(), s.uncovered());
            if (s.down()) {
                LOG.warn("brick {} is DOWN (no rollover within the timeout){}", s.brick(),
                        s.carried() ? "; a live replica carries its subvolume"
                                : s.uncovered() ? "; its whole subvolume is down past the gap timeout, windows close "
                                        + "without it and mark it 'gap'"
                                        : "; its whole subvolume is down, the volume watermark waits for it");
            } else {
                LOG.info("brick {} is back", s.brick());
            }
        } else {
            super.handleSourceEvents(event);
        }
    }

    /** Sends a brick's progress to the enumerator, at most once per progress interval per brick. */
    void reportRollover(String brick, long ts) {
        long now = System.currentTimeMillis();
        Long last = lastReport.get(brick);
        if (last == null || now - last >= progressIntervalMillis) {
            lastReport.put(brick, now);
            context.sendSourceEventToCoordinator(new BrickProgressEvent(brick, ts));
        }
    }

    /** Bridges the emitter (built before the reader exists) to {@link #reportRollover}. */
    private static final class ProgressForwarder implements java.util.function.ObjLongConsumer<String> {
        private BrickJournalSourceReader reader;

        @Override
        public void accept(String brick, long ts) {
            reader.reportRollover(brick, ts);
        }
    }
}
