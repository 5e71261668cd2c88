package io.gnotify.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an embedded run did, as JSON ({@code run --summary-json}): records read (and per brick its problems,
 * skipped bytes, history gaps and clock steps), operations, duplicates and the copies dropped as late or as
 * self-heal's,
 * events and manifests, each task's busy time, every completed checkpoint (duration, incremental and full
 * size), the state directory's size on disk, the process's peak resident set as the OS counts it, and its CPU
 * time by thread group ({@link ThreadCpu}). Checkpoints are picked up by polling the job's checkpoint gauges from a
 * daemon thread, which reads the threads' CPU every {@value #THREAD_CPU_POLLS} polls.
 */
final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One completed checkpoint as the job's gauges reported it. */
    record Checkpoint(long id, @JsonProperty("duration_ms") long durationMs, @JsonProperty("size_bytes") long sizeBytes,
            @JsonProperty("full_size_bytes") long fullSizeBytes) {}

    /** Polls between two readings of the threads' CPU (a second: each reads every thread's stat file). */
    static final int THREAD_CPU_POLLS = 10;

    private final List<Checkpoint> checkpoints = new ArrayList<>();
    private final ThreadCpu threads = new ThreadCpu();
    private long lastId = -1;
    private long polls;

    /** Starts polling the checkpoint gauges on a daemon thread. */
    Thread start() {
        return Periodic.start("gnotify-run-summary", 100, this::poll,
                e -> System.err.println("gnotify: run statistics (checkpoints, thread CPU) stopped: " + e));
    }

    /** Records the newest completed checkpoint if it is one not seen yet, and now and then the threads' CPU. */
    synchronized void poll() throws IOException {
        if (polls++ % THREAD_CPU_POLLS == 0) {
            threads.sample();
        }
        recordCheckpoint();
    }

    private void recordCheckpoint() {
        long id = ProgressMetrics.job("lastCompletedCheckpointId");
        if (ProgressMetrics.job("numberOfCompletedCheckpoints") > 0 && id != lastId) {
            lastId = id;
            checkpoints.add(new Checkpoint(id, ProgressMetrics.job("lastCheckpointDuration"),
                    ProgressMetrics.job("lastCheckpointSize"), ProgressMetrics.job("lastCheckpointFullSize")));
        }
    }

    /** Writes the summary of a finished run. */
    synchronized void write(Path file, double jobSeconds, Path stateDir) throws IOException {
        recordCheckpoint();
        threads.sample();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("job_seconds", jobSeconds);
        long records = 0;
        long bytes = 0;
        Map<String, Object> bricks = new LinkedHashMap<>();
        for (String brick : ProgressMetrics.bricks()) {
            long read = ProgressMetrics.brick(brick, "recordsRead");
            records += read;
            bytes += ProgressMetrics.brick(brick, "bytesRead");
            bricks.put(brick, Map.of("records_read", read, "problems", ProgressMetrics.brick(brick, "problems"),
                    "skipped_bytes", ProgressMetrics.brick(brick, "skippedBytes"),
                    "history_gaps", ProgressMetrics.brick(brick, "historyGaps"),
                    "clock_steps", ProgressMetrics.brick(brick, "clockSteps")));
        }
        s.put("records_read", records);
        s.put("bricks", bricks);
        s.put("journal_bytes_read", bytes);
        s.put("operations", ProgressMetrics.job("operations"));
        s.put("duplicate_copies", ProgressMetrics.job("duplicateCopies"));
        s.put("late_copies_dropped", ProgressMetrics.job("lateCopiesDropped"));
        s.put("heal_copies_dropped", ProgressMetrics.job("healCopiesDropped"));
        s.put("events", ProgressMetrics.job("eventsSequenced"));
        s.put("manifests", ProgressMetrics.job("manifestsWritten"));
        s.put("manifest_entries", ProgressMetrics.job("manifestEntries"));
        s.put("busy_ms", ProgressMetrics.busyMillis());
        s.put("window_closes", Map.of("wall_ms", ProgressMetrics.job("windowCloseMillis"),
                "cpu_ms", ProgressMetrics.job("windowCloseCpuMillis"),
                "longest_ms", ProgressMetrics.job("longestWindowCloseMillis")));
        s.put("checkpoints", checkpoints);
        s.put("state_dir_bytes", stateDir == null ? null : sizeOnDisk(stateDir));
        s.put("peak_rss_bytes", peakRss());
        s.put("process_cpu_seconds", ((com.sun.management.OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
        s.put("thread_cpu_seconds", threads.secondsByGroup());
        s.put("gc", collections());
        s.put("heap_bytes", Map.of("max", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax(),
                "young_max", youngGenerationMax()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), s);
    }

    /** Each garbage collector's collections and their total time (for the stop-the-world collectors, pauses). */
    static List<Map<String, Object>> collections() {
        List<Map<String, Object>> all = new ArrayList<>();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            all.add(Map.of("name", gc.getName(), "count", gc.getCollectionCount(), "seconds", gc.getCollectionTime() / 1e3));
        }
        return all;
    }

    /** The young generation's largest size (its eden and survivor pools), or -1 if the collector reports none. */
    static long youngGenerationMax() {
        long young = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String name = pool.getName();
            if (pool.getType() == MemoryType.HEAP && (name.contains("Eden") || name.contains("Survivor"))) {
                var usage = pool.getUsage();
                young += Math.max(0, usage.getMax() > 0 ? usage.getMax() : usage.getCommitted());
            }
        }
        return young == 0 ? -1 : young;
    }

    /** The process's peak resident set ({@code VmHWM} in {@code /proc/self/status}), or -1 off Linux. */
    static long peakRss() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(l -> l.startsWith("VmHWM:")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) * 1024).orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Bytes of the regular files under {@code dir}, leaving out Flink's working files in {@code dir/work} (not state).
     * Flink may still be removing a subsumed checkpoint while this walks, so files and directories that vanish
     * meanwhile are skipped rather than failing the run.
     */
    static long sizeOnDisk(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long[] total = {0};
        Path work = dir.resolve(EmbeddedWorkDir.NAME);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return d.equals(work) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return total[0];
    }
}
