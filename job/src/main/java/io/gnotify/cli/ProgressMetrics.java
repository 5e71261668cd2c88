package io.gnotify.cli;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * A Flink metric reporter that keeps the job's metrics in this JVM, so the embedded {@code gnotify run} can
 * print its progress line and its run summary: the per-brick source metrics (by their {@code brick} group),
 * the pipeline's counters (summed over subtasks), each task's accumulated busy time, and the checkpoint
 * statistics.
 */
public final class ProgressMetrics implements MetricReporter {
    /** Per brick id, metric name to metric. */
    private static final Map<String, Map<String, Metric>> BRICKS = new ConcurrentHashMap<>();
    /** The pipeline's counters and the checkpoint gauges, by name, then by subtask (a restart replaces them). */
    private static final Map<String, Map<String, Metric>> JOB = new ConcurrentHashMap<>();
    /** Per task name, per subtask: its accumulated busy milliseconds. */
    private static final Map<String, Map<String, Metric>> BUSY = new ConcurrentHashMap<>();
    private static final java.util.Set<String> JOB_METRICS = java.util.Set.of("manifestsWritten", "manifestEntries",
            "operations", "duplicateCopies", "lateCopiesDropped", "healCopiesDropped", "eventsSequenced",
            "windowCloseMillis", "windowCloseCpuMillis", "longestWindowCloseMillis",
            "numberOfCompletedCheckpoints", "lastCheckpointDuration",
            "lastCheckpointSize", "lastCheckpointFullSize", "lastCompletedCheckpointId", "manifestWatermark", "fullManifestPending");

    /** Registered through {@code metrics.reporter.progress.factory.class}. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new ProgressMetrics();
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String brick = group.getAllVariables().get("<brick>");
        if (brick != null) {
            BRICKS.computeIfAbsent(brick, b -> new ConcurrentHashMap<>()).put(name, metric);
        } else if (JOB_METRICS.contains(name)) {
            JOB.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).put(subtask(group), metric);
        } else if (name.equals("accumulateBusyTimeMs") && group.getAllVariables().containsKey("<task_name>")) {
            BUSY.computeIfAbsent(group.getAllVariables().get("<task_name>"), n -> new ConcurrentHashMap<>())
                    .put(subtask(group), metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** Forgets an earlier job's metrics (one JVM can run several jobs, as the tests do). */
    static void reset() {
        BRICKS.clear();
        JOB.clear();
        BUSY.clear();
    }

    /** A brick's metric as a number (0 when not registered yet). */
    static long brick(String brick, String name) {
        Map<String, Metric> m = BRICKS.get(brick);
        return m == null ? 0 : value(m.get(name));
    }

    /** The bricks seen so far, sorted. */
    static java.util.Set<String> bricks() {
        return new TreeMap<>(BRICKS).keySet();
    }

    /** A job metric summed over its subtasks (0 when not registered yet). */
    static long job(String name) {
        return sum(JOB.get(name));
    }

    /** Each task's busy milliseconds, summed over its subtasks, by task name. */
    static Map<String, Long> busyMillis() {
        Map<String, Long> out = new TreeMap<>();
        BUSY.forEach((task, subtasks) -> out.put(task, sum(subtasks)));
        return out;
    }

    private static long sum(Map<String, Metric> subtasks) {
        return subtasks == null ? 0 : subtasks.values().stream().mapToLong(ProgressMetrics::value).sum();
    }

    private static String subtask(MetricGroup group) {
        return String.valueOf(group.getAllVariables().getOrDefault("<subtask_index>", "0"));
    }

    private static long value(Metric m) {
        if (m instanceof Counter c) {
            return c.getCount();
        }
        if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.longValue();
        }
        if (m instanceof org.apache.flink.metrics.Meter meter) {
            return meter.getCount();
        }
        return 0;
    }
}
