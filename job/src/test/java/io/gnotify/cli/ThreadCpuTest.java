package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Thread CPU by group, read from /proc's per-thread stat lines, with each thread's last reading kept. */
class ThreadCpuTest {
    /** A stat line as the kernel writes it, for a thread named {@code name} with these user and system ticks. */
    private static String stat(long tid, String name, long utime, long stime) {
        return tid + " (" + name + ") S 1 1 1 0 -1 4194368 500 0 0 0 " + utime + " " + stime
                + " 0 0 20 0 120 0 1234 5678 900 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 -1 1 0 0 0 0 0\n";
    }

    private static void thread(Path proc, long tid, String name, long utime, long stime) throws Exception {
        Files.createDirectories(proc.resolve(Long.toString(tid)));
        Files.writeString(proc.resolve(tid + "/stat"), stat(tid, name, utime, stime));
    }

    @Test
    void readsTheNameAndTicksEvenWhenTheNameHasSpacesAndParentheses() {
        Map.Entry<String, Long> r = ThreadCpu.parse(stat(42, "manifests (1/1)", 250, 50));
        assertThat(r.getKey()).isEqualTo("manifests (1/1)");
        assertThat(r.getValue()).isEqualTo(300);
        assertThat(ThreadCpu.parse("garbage")).isNull();
        assertThat(ThreadCpu.parse("1 (x) S 1 2")).isNull();
        assertThat(ThreadCpu.parse("1 (x)")).isNull();
    }

    @Test
    void groupsThreadsByWhatTheyDo() {
        assertThat(ThreadCpu.group("manifests (1/1)")).isEqualTo("manifest stage");
        assertThat(ThreadCpu.group("dedup operatio")).isEqualTo("dedup");
        assertThat(ThreadCpu.group("Source Data Fet")).isEqualTo("source");
        assertThat(ThreadCpu.group("ParGC Thread#1")).isEqualTo("GC");
        assertThat(ThreadCpu.group("C2 CompilerThre")).isEqualTo("JIT");
        assertThat(ThreadCpu.group("rocksdb:low")).isEqualTo("RocksDB background");
        assertThat(ThreadCpu.group("flink-pekko.ac")).isEqualTo("other");
    }

    @Test
    void aThreadThatEndedKeepsItsLastReading(@TempDir Path proc) throws Exception {
        assertThat(endDedupThreadBetweenSamples(proc, dir -> {
            Files.delete(dir.resolve("stat"));
            Files.delete(dir);
        })).containsExactlyInAnyOrderEntriesOf(Map.of("manifest stage", 3.5, "dedup", 0.5));
    }

    /** A thread that ends while its stat is read fails the read (ESRCH); that thread keeps its last reading. */
    @Test
    void aStatThatCannotBeReadKeepsTheLastReadingAndFailsNothing(@TempDir Path proc) throws Exception {
        // A directory where the stat file was: opening it works, reading it fails with an IOException.
        assertThat(endDedupThreadBetweenSamples(proc, dir -> {
            Files.delete(dir.resolve("stat"));
            Files.createDirectories(dir.resolve("stat"));
        })).containsExactlyInAnyOrderEntriesOf(Map.of("manifest stage", 3.5, "dedup", 0.5));
    }

    /** Samples a manifest and a dedup thread, lets the manifest thread run on and {@code end} the dedup's task directory, samples again. */
    private static Map<String, Double> endDedupThreadBetweenSamples(Path proc, TaskEnd end) throws Exception {
        ThreadCpu cpu = new ThreadCpu(proc);
        thread(proc, 10, "manifests (1/1)", 100, 0);
        thread(proc, 11, "dedup operatio", 40, 10);
        cpu.sample();
        thread(proc, 10, "manifests (1/1)", 300, 50);
        end.apply(proc.resolve("11"));
        cpu.sample();
        return cpu.secondsByGroup();
    }

    /** How a thread's task directory goes away. */
    private interface TaskEnd {
        void apply(Path taskDir) throws Exception;
    }

    /** gnotify runs on Linux, as GlusterFS does. */
    @Test
    void readsThisProcess() throws Exception {
        var bean = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long spin = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < spin) {
            x += x * 31 + 7;
        }
        ThreadCpu cpu = new ThreadCpu();
        cpu.sample();
        double total = cpu.secondsByGroup().values().stream().mapToDouble(Double::doubleValue).sum();
        // The live threads' CPU: at least the 0.3 s just spun, at most the process's (plus a tick per thread).
        assertThat(total).isGreaterThan(0.2).isLessThan(bean.getProcessCpuTime() / 1e9 + 1.0);
        assertThat(x).isNotZero();
    }
}
