package io.gnotify.job.manifest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Times the manifest stage's window closes (wall clock and the task thread's CPU) as metrics, each part that runs
 * without taking input (the start of a close, each of its steps, a close completed at once) timed on its own: the
 * closes are where the stage spends most of its time, and the longest part is how long a barrier can wait here.
 */
final class WindowCloseTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Whether this JVM measures a thread's CPU time (asked once; without it only wall time is counted). */
    private static final boolean CPU_MEASURED = THREADS.isCurrentThreadCpuTimeSupported();

    private final Counter wallMillis;
    private final Counter cpuMillis;
    private long longestMillis;
    private long wallStart;
    private long cpuStart;

    /** Registers {@code windowCloseMillis}, {@code windowCloseCpuMillis} and {@code longestWindowCloseMillis}. */
    WindowCloseTimes(MetricGroup metrics) {
        wallMillis = metrics.counter("windowCloseMillis");
        cpuMillis = metrics.counter("windowCloseCpuMillis");
        metrics.gauge("longestWindowCloseMillis", () -> longestMillis);
    }

    /** A close begins (on the task thread). */
    void start() {
        wallStart = System.nanoTime();
        cpuStart = CPU_MEASURED ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** The close that {@link #start()} began has ended. */
    void stop() {
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        wallMillis.inc(wall);
        longestMillis = Math.max(longestMillis, wall);
        if (CPU_MEASURED) {
            cpuMillis.inc((THREADS.getCurrentThreadCpuTime() - cpuStart) / 1_000_000);
        }
    }
}
