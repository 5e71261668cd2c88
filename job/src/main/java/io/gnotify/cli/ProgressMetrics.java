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
 * print its progress line: the per-brick source metrics (by their {@code brick} group) and the manifest
 * stage's counters.
 */
public final class ProgressMetrics implements MetricReporter {
    /** Per brick id, metric name to metric. */
    private static final Map<String, Map<String, Metric>> BRICKS = new ConcurrentHashMap<>();
    /** Job-wide metrics by name (the manifest stage runs once). */
    private static final Map<String, Metric> JOB = new ConcurrentHashMap<>();

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
        } else if (name.equals("manifestsWritten") || name.equals("manifestEntries") || name.equals("operations")) {
            JOB.merge(name, metric, (a, b) -> b);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

    /** A brick's metric as a number (0 when not registered yet). */
    static long brick(String brick, String name) {
        Map<String, Metric> m = BRICKS.get(brick);
        return m == null ? 0 : value(m.get(name));
    }

    /** The bricks seen so far, sorted. */
    static java.util.Set<String> bricks() {
        return new TreeMap<>(BRICKS).keySet();
    }

    static long job(String name) {
        return value(JOB.get(name));
    }

    private static long value(Metric m) {
        if (m instanceof Counter c) {
            return c.getCount();
        }
        if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }
}
