package io.gnotify.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of this process's threads, grouped by what they do (a pipeline stage, GC, JIT, RocksDB), read from
 * {@code /proc/self/task} while a run lasts: a task thread ends with its job, so each thread's last reading counts.
 * This splits a run's CPU by stage with native threads included, which busy time (wall clock, waits for a core
 * included) cannot.
 */
final class ThreadCpu {
    /** {@code /proc}'s clock ticks per second (USER_HZ, 100 on every Linux ABI). */
    private static final double TICKS_PER_SECOND = 100.0;
    /**
     * Thread-name prefixes (as the kernel keeps them, 15 characters) with the group each belongs to, as
     * {prefix, group} pairs; the first match wins.
     */
    private static final String[][] GROUPS = {
        {"manifests", "manifest stage"}, {"dedup operatio", "dedup"}, {"Source", "source"},
        {"volume order", "sequencer and event lines"}, {"window files", "window-file sink"},
        {"analytics", "analytics"}, {"busiest direct", "analytics"},
        {"GC Thread", "GC"}, {"ParGC", "GC"}, {"VM Thread", "GC"},
        {"C1 Compiler", "JIT"}, {"C2 Compiler", "JIT"}, {"rocksdb", "RocksDB background"},
    };

    private final Path tasks;
    /** One stat line at a time (they are a few hundred bytes), so a reading allocates next to nothing. */
    private final ByteBuffer line = ByteBuffer.allocate(4096);
    /** Per thread id: its name and its CPU ticks at the last reading. */
    private final Map<Long, Map.Entry<String, Long>> last = new HashMap<>();

    ThreadCpu() {
        this(Path.of("/proc/self/task"));
    }

    ThreadCpu(Path tasks) {
        this.tasks = tasks;
    }

    /** Reads every thread's CPU time now; off Linux (no {@code /proc}) it reads nothing. */
    synchronized void sample() throws IOException {
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                String stat;
                try (FileChannel ch = FileChannel.open(t.resolve("stat"))) {
                    line.clear();
                    int n;
                    do {
                        n = ch.read(line);
                    } while (n > 0 && line.hasRemaining());
                    stat = new String(line.array(), 0, line.position(), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    // The thread ended meanwhile: gone before the open (NoSuchFileException) or during the read
                    // (ESRCH, "No such process"). Its previous reading stands; one thread's figure never fails a run.
                    continue;
                }
                Map.Entry<String, Long> reading = parse(stat);
                if (reading != null) {
                    last.put(Long.parseLong(t.getFileName().toString()), reading);
                }
            }
        }
    }

    /** Seconds of CPU by group, the groups in name order. */
    synchronized Map<String, Double> secondsByGroup() {
        Map<String, Double> out = new TreeMap<>();
        last.values().forEach(r -> out.merge(group(r.getKey()), r.getValue() / TICKS_PER_SECOND, Double::sum));
        return out;
    }

    /** The group of a thread named {@code name}. */
    static String group(String name) {
        for (String[] g : GROUPS) {
            if (name.startsWith(g[0])) {
                return g[1];
            }
        }
        return "other";
    }

    /** A thread's name and user plus system ticks from its {@code stat} line, or {@code null} if malformed. */
    static Map.Entry<String, Long> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.length()) {
            return null;
        }
        // After the name: state (field 3), ..., utime (field 14), stime (field 15).
        String[] f = stat.substring(close + 2).trim().split(" ");
        if (f.length < 13) {
            return null;
        }
        try {
            return Map.entry(stat.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
