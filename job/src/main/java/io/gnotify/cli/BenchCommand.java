package io.gnotify.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.connectors.journal.JournalEncoding;
import io.gnotify.connectors.journal.synthetic.RecordListener;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeGenerator;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeSpec;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.util.FileUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gnotify bench}: for each size, writes a synthetic 2x2 volume (cached in the work directory), measures
 * the journal parser against a plain read of the same bytes, then runs the whole job embedded in a fresh JVM
 * (RocksDB, checkpoints, manifests and events) and prints its throughput, per-stage busy time, checkpoints,
 * state size and peak resident set.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark: synthetic 2x2 volumes of the given sizes through the parser and the whole embedded job. "
                + "Each job runs in its own JVM, so each peak resident set is its own.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--records", split = ",", defaultValue = "1000000,10000000", paramLabel = "N[,N...]",
            description = "Volume sizes in records over all bricks (default: ${DEFAULT-VALUE}).")
    List<Long> sizes;

    @Option(names = "--work", defaultValue = "bench-work", paramLabel = "DIR",
            description = "Where the volumes (kept for the next run), outputs and state go (default: ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", paramLabel = "DURATION",
            description = "Default: ${DEFAULT-VALUE}.")
    String checkpointInterval;

    @Option(names = "--rate", defaultValue = "2000", paramLabel = "OPS/S",
            description = "Synthetic workload rate; with the 60 s window it sets the window size (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--runs", defaultValue = "1", paramLabel = "N",
            description = "Job runs per size, one after the other, each in a new JVM; with more than one, each size ends "
                    + "with the least, median and greatest job time, records/s, process CPU and peak RSS, and the peak RSS "
                    + "ratio compares medians (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--job-jvm-option", paramLabel = "OPTION",
            description = "Extra option for the job JVMs only, e.g. a profiler agent; {size} becomes the run's size. Repeatable; write "
                    + "--job-jvm-option=OPTION. (-D is this command's Flink setting: system properties go in GNOTIFY_JAVA_OPTS.)")
    List<String> jobJvmOptions = new ArrayList<>();

    /** Passed on to each job run, to measure a setting against the defaults. */
    @picocli.CommandLine.Mixin
    FlinkConfOptions flinkConf;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("gnotify bench: %d cores, %s, Java %s; each job JVM gets this one's options (max heap %d MB)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        List<Double> peaks = new ArrayList<>();
        for (long size : sizes) {
            Path volume = volume(size, out);
            JournalThroughput.Result io = JournalThroughput.measure(bricks(volume), 3);
            out.printf("  parser: %,.0f records/s, %,.0f MB/s = %.0f %% of a plain read of the same files (%,.0f MB/s);"
                    + " per record %.0f ns reading and %.0f ns decoding%n",
                    io.parse().recordsPerSecond(), io.parse().bytesPerSecond() / 1e6, 100 * io.ratio(),
                    io.plain().bytesPerSecond() / 1e6, io.parse().readNanosPerRecord(), io.parse().decodeNanosPerRecord());
            List<JsonNode> done = new ArrayList<>();
            for (int i = 1; i <= runs; i++) {
                if (runs > 1) {
                    out.printf("  run %d of %d:%n", i, runs);
                }
                JsonNode run = runJob(volume, size);
                done.add(run);
                report(run, out);
                out.flush();
            }
            peaks.add(spread(done, r -> field(r, "peak_rss_bytes")).median());
            if (runs > 1) {
                reportSpread(size, done, out);
            }
        }
        if (peaks.size() > 1 && peaks.get(0) > 0) {
            out.printf("peak RSS of the largest run / the smallest: %.2f%n", peaks.get(peaks.size() - 1) / peaks.get(0));
        }
        return 0;
    }

    /** The synthetic volume of {@code size} records, written unless the work directory has it already. */
    private Path volume(long size, PrintWriter out) throws Exception {
        Path dir = work.resolve("volume-" + size + "-seed" + seed + "-rate" + rate);
        Path done = dir.resolve(".complete");
        if (Files.exists(done)) {
            out.printf("%,d records: volume %s (kept from an earlier run)%n", size, dir);
            return dir;
        }
        FileUtils.deleteDirectory(dir.toFile());
        SyntheticVolumeSpec s = SyntheticVolumeSpec.builder().volumeName("bench").layout(2, 2).encoding(JournalEncoding.ASCII)
                .targetRecords(size).opsPerSecond(rate).seed(seed).build();
        long t0 = System.nanoTime();
        SyntheticVolumeGenerator.Summary sum = SyntheticVolumeGenerator.generate(s, dir, RecordListener.NONE);
        Files.writeString(done, "");
        out.printf("%,d records: wrote volume %s (%,d operations, %,d journal bytes) in %.1f s%n", size, dir,
                sum.operations(), sum.journalBytes(), (System.nanoTime() - t0) / 1e9);
        return dir;
    }

    private static List<Path> bricks(Path volume) throws java.io.IOException {
        try (var s = Files.list(volume.resolve("bricks"))) {
            return s.sorted().toList();
        }
    }

    /** Runs {@code gnotify run --bounded} on the volume in a new JVM with this one's options; returns its summary. */
    private JsonNode runJob(Path volume, long size) throws Exception {
        Path runDir = work.resolve("run-" + size);
        FileUtils.deleteDirectory(runDir.toFile());
        Files.createDirectories(runDir);
        Path summary = runDir.resolve("summary.json");
        Process p = new ProcessBuilder(jobCommand(volume, size, runDir, summary)).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("run.log").toFile()).start();
        int rc = p.waitFor();
        if (rc != 0 || !Files.exists(summary)) {
            throw new IllegalStateException("the job run failed (exit " + rc + "); see " + runDir.resolve("run.log"));
        }
        return JSON.readTree(summary.toFile());
    }

    /** The job JVM's command line: this JVM's options, then {@code --job-jvm-option}s, then {@code gnotify run}. */
    List<String> jobCommand(Path volume, long size, Path runDir, Path summary) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(inherited(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        jobJvmOptions.forEach(o -> cmd.add(o.replace("{size}", String.valueOf(size))));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GnotifyCommand.class.getName(), "run", "--bounded",
                "--emit-events", "--volume-info", volume.resolve("volume-info.xml").toString(),
                "--brick-map", "/srv/gl/bench=" + volume.resolve("bricks"), "--output", runDir.resolve("out").toString(),
                "--state-dir", runDir.resolve("state").toString(), "--parallelism", String.valueOf(parallelism),
                "--checkpoint-interval", checkpointInterval, "--progress-interval", "0s",
                "--summary-json", summary.toString()));
        cmd.addAll(flinkConf.asArguments());
        return cmd;
    }

    /**
     * The options of this JVM that a job JVM gets: all but agents and flight recordings, which would profile each
     * job into this JVM's file (a job JVM gets its own through {@code --job-jvm-option}).
     */
    static List<String> inherited(List<String> options) {
        return options.stream().filter(a -> !a.startsWith("-XX:StartFlightRecording") && !a.startsWith("-agentlib")
                && !a.startsWith("-agentpath") && !a.startsWith("-javaagent")).toList();
    }

    /** The spread over {@code runs} of the figure {@code figure} takes from each run's summary. */
    private static RunSpread spread(List<JsonNode> runs, java.util.function.ToDoubleFunction<JsonNode> figure) {
        return RunSpread.of(runs.stream().map(figure::applyAsDouble).toList());
    }

    private static double field(JsonNode run, String name) {
        return run.path(name).asDouble();
    }

    /** One line over a size's runs: the spread of the figures that the host's speed moves most. */
    static void reportSpread(long size, List<JsonNode> runs, PrintWriter out) {
        out.printf("  %,d records over %d runs: job %s s = %s records/s; process CPU %s s; peak RSS %s MB%n", size,
                runs.size(), spread(runs, r -> field(r, "job_seconds")).format("%.1f"),
                spread(runs, r -> field(r, "records_read") / field(r, "job_seconds")).format("%,.0f"),
                spread(runs, r -> field(r, "process_cpu_seconds")).format("%.1f"),
                spread(runs, r -> field(r, "peak_rss_bytes") / 1e6).format("%.1f"));
    }

    private static void report(JsonNode r, PrintWriter out) {
        double secs = r.path("job_seconds").asDouble();
        long records = r.path("records_read").asLong();
        out.printf("  job: %,d records in %.1f s = %,.0f records/s end to end; %,d operations (%,d duplicate copies dropped), "
                        + "%,d events, %d manifests with %,d entries%n",
                records, secs, records / secs, r.path("operations").asLong(), r.path("duplicate_copies").asLong(),
                r.path("events").asLong(), r.path("manifests").asLong(), r.path("manifest_entries").asLong());
        StringBuilder busy = new StringBuilder("  busy time per stage (all subtasks):");
        r.path("busy_ms").fields().forEachRemaining(e -> busy.append(String.format(" %s %.1f s;", e.getKey(),
                e.getValue().asLong() / 1000.0)));
        out.println(busy);
        JsonNode closes = r.path("window_closes");
        out.printf("  window closes (manifest stage): %.1f s in all, %.1f s of its thread's CPU, longest %,d ms%n",
                closes.path("wall_ms").asLong() / 1000.0, closes.path("cpu_ms").asLong() / 1000.0,
                closes.path("longest_ms").asLong());
        JsonNode cps = r.path("checkpoints");
        long maxDuration = 0;
        long sumDuration = 0;
        long sumSize = 0;
        long maxSize = 0;
        long lastFull = 0;
        for (JsonNode c : cps) {
            maxDuration = Math.max(maxDuration, c.path("duration_ms").asLong());
            sumDuration += c.path("duration_ms").asLong();
            sumSize += c.path("size_bytes").asLong();
            maxSize = Math.max(maxSize, c.path("size_bytes").asLong());
            lastFull = c.path("full_size_bytes").asLong();
        }
        out.printf("  checkpoints: %d completed; duration mean %d ms, max %d ms; incremental size mean %s, max %s; full state %s; "
                        + "state dir on disk %s%n",
                cps.size(), cps.isEmpty() ? 0 : sumDuration / cps.size(), maxDuration, mb(cps.isEmpty() ? 0 : sumSize / cps.size()), mb(maxSize), mb(lastFull),
                mb(r.path("state_dir_bytes").asLong()));
        out.printf("  peak RSS (VmHWM): %s; process CPU %.1f s (JVM start-up and job)%n", mb(r.path("peak_rss_bytes").asLong()),
                r.path("process_cpu_seconds").asDouble());
        StringBuilder cpu = new StringBuilder("  CPU by thread group (s):");
        r.path("thread_cpu_seconds").fields().forEachRemaining(e -> cpu.append(String.format(" %s %.1f;", e.getKey(),
                e.getValue().asDouble())));
        out.println(cpu);
        StringBuilder gc = new StringBuilder(String.format("  GC: heap %s, young generation %s;", mb(r.path("heap_bytes").path("max").asLong()),
                mb(r.path("heap_bytes").path("young_max").asLong())));
        r.path("gc").forEach(c -> gc.append(String.format(" %s %d collections in %.1f s;", c.path("name").asText(),
                c.path("count").asLong(), c.path("seconds").asDouble())));
        out.println(gc);
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
