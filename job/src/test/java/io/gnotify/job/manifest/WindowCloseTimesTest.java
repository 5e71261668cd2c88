package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

/** The window-close metrics add up each close's wall and CPU time and keep the longest. */
class WindowCloseTimesTest {
    /** A metric group that keeps what is registered on it. */
    static final class Kept extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new HashMap<>();
        final Map<String, Gauge<?>> gauges = new HashMap<>();

        @Override
        public Counter counter(String name) {
            return counters.computeIfAbsent(name, n -> new SimpleCounter());
        }

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            gauges.put(name, gauge);
            return gauge;
        }
    }

    @Test
    void closesAreTimedOnTheWallClockAndTheThreadsCpu() {
        Kept metrics = new Kept();
        WindowCloseTimes times = new WindowCloseTimes(metrics);
        times.start();
        spin(60);
        times.stop();
        times.start();
        sleep(30);
        times.stop();

        long wall = metrics.counters.get("windowCloseMillis").getCount();
        long cpu = metrics.counters.get("windowCloseCpuMillis").getCount();
        long longest = ((Number) metrics.gauges.get("longestWindowCloseMillis").getValue()).longValue();
        assertThat(wall).isGreaterThanOrEqualTo(90);
        assertThat(longest).isGreaterThanOrEqualTo(60).isLessThan(wall);
        // The busy close burns CPU; the sleeping one hardly any.
        assertThat(cpu).isGreaterThanOrEqualTo(55).isLessThanOrEqualTo(wall);
    }

    /** Burns {@code millis} of this thread's CPU (however long that takes on a busy machine). */
    private static void spin(long millis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        assertThat(x).isNotNegative();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
