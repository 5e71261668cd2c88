package io.gnotify.connectors.source.reader;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * Per-brick source metrics (group {@code brick=<host:/path>}): records and bytes read, records per second, the last rollover
 * read, event-time lag, problems, skipped bytes, history gaps, and status (0 caught up, 1 reading, 2 down).
 */
final class BrickMetrics {
    final Counter records;
    final Counter bytes;
    private volatile long lastRollover = Long.MIN_VALUE;

    BrickMetrics(MetricGroup readerGroup, String brick, BrickStatusBoard board, BrickProblemReporter problems) {
        MetricGroup g = readerGroup.addGroup("brick", brick);
        records = g.counter("recordsRead");
        bytes = g.counter("bytesRead");
        g.meter("recordsPerSecond", new MeterView(records));
        g.gauge("currentJournalTimestamp", () -> lastRollover == Long.MIN_VALUE ? -1L : lastRollover);
        g.gauge("eventTimeLagMillis", () -> lastRollover == Long.MIN_VALUE ? -1L
                : Math.max(0L, System.currentTimeMillis() - lastRollover * 1000));
        g.gauge("problems", () -> problems.problems(brick));
        g.gauge("skippedBytes", () -> problems.skippedBytes(brick));
        g.gauge("historyGaps", () -> problems.gaps(brick));
        g.gauge("clockSteps", () -> problems.clockSteps(brick));
        g.gauge("status", () -> board.statusCode(brick));
    }

    void rollover(long ts) {
        lastRollover = Math.max(lastRollover, ts);
    }
}
