package io.gnotify.cli;

import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.JobSettings;
import io.gnotify.job.analytics.AnalyticsSettings;
import io.gnotify.job.LatestCheckpoint;
import io.gnotify.job.VolumePipeline;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.ManifestFormat;
import io.gnotify.job.manifest.MountNameOwners;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gnotify run}: the streaming job, embedded by default or under {@code flink run}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Read every brick's journals and write the volume's ordered events per window. Runs "
                + "embedded (local Flink, RocksDB state under --state-dir) unless submitted with 'flink run'. "
                + "Re-running with the same --state-dir resumes from the latest completed checkpoint.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--volume-info", required = true, paramLabel = "FILE",
            description = "Output of 'gluster volume info VOL --xml'.")
    Path volumeInfo;

    @Option(names = "--volume", paramLabel = "NAME", description = "The volume, if the XML describes several.")
    String volumeName;

    @Option(names = "--brick-map", paramLabel = "FROM=TO",
            description = "Read bricks under FROM from TO instead (repeatable), e.g. /srv/gl/dr22=/mnt/dr22-bricks.")
    List<String> brickMap = new ArrayList<>();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Where <volume>/events/... go.")
    Path output;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Checkpoints and RocksDB files of the embedded run (default: gnotify-state). Not used on a "
                    + "cluster ('flink run', Kubernetes): the cluster's checkpoint storage and savepoints resume the job there.")
    Path stateDir;

    @Option(names = "--window", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "Window size, aligned to epoch multiples (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--bounded", description = "Read the journals present at start, then finish.")
    boolean bounded;

    @Option(names = "--catch-up", description = "Embedded runs: follow the journals until every window that the "
            + "journals present at start complete is published, then save the state (a savepoint in --state-dir) and "
            + "stop. The next run with the same --state-dir continues there, so runs from cron publish each window "
            + "once and read each journal once. The window still open at the end comes with a later run.")
    boolean catchUp;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10s", description = "Checkpoint (and commit) interval (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(names = "--start", paramLabel = "earliest|latest|EPOCH", defaultValue = "earliest",
            description = "Where a fresh start begins (ignored when resuming). Default: ${DEFAULT-VALUE}.")
    String start;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How often to print the progress line (windows committed; per brick journal time, lag, records/s). 0 turns it off. Default: ${DEFAULT-VALUE}.")
    Duration progressInterval;

    @Option(names = "--web-ui", paramLabel = "PORT", arity = "0..1", fallbackValue = "8081",
            description = "Serve the Flink web UI of the embedded run on localhost (default port 8081).")
    Integer webUi;

    @Option(names = "--lookup-mount", paramLabel = "MOUNT", description = {"A FUSE mount of the volume. Two operations on",
            "different subvolumes that give the same name in the same journal second cannot be ordered from the",
            "journals; with a mount, gnotify asks the volume who holds the name (metrics conflictsResolved and",
            "conflictsUnresolved). Without one it keeps the journal order."})
    Path lookupMount;

    /** How a fresh start learns what the volume already holds. */
    enum Bootstrap { none, crawl }

    @Option(names = "--bootstrap", paramLabel = "none|crawl", defaultValue = "none",
            description = {"crawl: on a fresh start, walk every brick's backend once (gfids from trusted.gfid; needs root),",
                    "publish a full manifest of everything as NEW, then follow the journals from the crawl's start.",
                    "Ignored when resuming. Default: ${DEFAULT-VALUE}."})
    Bootstrap bootstrap;

    @Option(names = "--emit-events", description = "Write the ordered volume events, <volume>/events/<start>-<end>.jsonl.")
    boolean emitEvents;

    @Option(names = "--dedup-horizon", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "5min", description = "How long copies of one operation are matched (event time; "
                    + "default: ${DEFAULT-VALUE}).")
    Duration dedupHorizon;

    @Option(names = "--poll-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "1s", description = "HTIME polling interval of caught-up bricks (default: ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--brick-down-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "60s", description = "No rollover for this long marks a brick DOWN (default: ${DEFAULT-VALUE}).")
    Duration brickDownTimeout;

    @Option(names = "--subvolume-gap-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = {"When every brick of a subvolume is down, windows wait for it; after this much longer",
                    "(counted from the brick down timeout) they are published without it and its bricks are",
                    "marked 'gap' until they roll over again. What they journalled meanwhile is dropped and",
                    "counted when they come back (default: wait for ever)."})
    Duration subvolumeGapTimeout;

    @Option(names = "--heal-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "1h", description = {"After a replica brick comes back (a gap in its rollovers), the data and",
                    "metadata records it logs alone while its replicas journal are self-heal's copies of changes",
                    "already reported, and are dropped (healCopiesDropped) for this long (default: ${DEFAULT-VALUE})."})
    Duration healGrace;

    @Option(names = "--max-brick-drift", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "60s", description = "How far (event time) a brick may read ahead of the slowest live "
                    + "one while catching up; bounds memory (default: ${DEFAULT-VALUE}).")
    Duration maxBrickDrift;

    @Option(names = "--analytics-depths", split = ",", defaultValue = "1,2", paramLabel = "D[,D...]",
            description = "Directory depths the per-window analytics roll changes up to (default: ${DEFAULT-VALUE}).")
    int[] analyticsDepths;

    @Option(names = "--analytics-top", defaultValue = "10", paramLabel = "N",
            description = "How many busiest directories each analytics file lists per depth (default: ${DEFAULT-VALUE}).")
    int analyticsTop;

    @Option(names = "--summary-json", paramLabel = "FILE", description = {"Embedded runs: when the job ends, write a JSON",
            "summary: records, operations, duplicates, events, manifests, each task's busy time, every checkpoint's",
            "duration and size, the state directory's size, the peak resident set, the CPU seconds by thread group,",
            "each garbage collector's collections and time, and the heap's sizes (gnotify bench reads it)."})
    Path summaryJson;

    @picocli.CommandLine.Mixin
    FlinkConfOptions flinkConf;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (bounded && catchUp) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--bounded and --catch-up exclude each other: --bounded ends with the last partial window and "
                            + "keeps no state; --catch-up stops at the last complete window and saves its state");
        }
        VolumeInfo volume = VolumeInfo.parse(volumeInfo, volumeName);
        JobSettings settings = new JobSettings(volume, BrickMap.of(brickMap), output.toAbsolutePath(),
                new WindowGrid(window.toSeconds()), bounded, startPosition(), dedupHorizon, emitEvents,
                pollInterval, brickDownTimeout, maxBrickDrift,
                lookupMount == null ? null : new MountNameOwners(lookupMount.toAbsolutePath().toString()),
                new AnalyticsSettings(analyticsDepths, analyticsTop), subvolumeGapTimeout, healGrace);
        // Embedded unless `flink run` or the Kubernetes operator installed its context environment.
        boolean embedded = StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
        if (!embedded && catchUp) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--catch-up needs the embedded run; on a "
                    + "cluster the job runs continuously and 'flink stop --savepointPath' stops it with its state");
        }
        Configuration conf = configuration(embedded);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (webUi != null && embedded) {
            conf.set(org.apache.flink.configuration.RestOptions.PORT, webUi);
            conf.set(org.apache.flink.configuration.RestOptions.BIND_ADDRESS, "localhost");
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
            out.printf("gnotify: Flink web UI on http://localhost:%d%n", webUi);
        }
        env.setParallelism(parallelism);
        VolumePipeline.build(env, settings);
        out.printf("gnotify: %s, %s; output in %s%n", volume, bounded ? "bounded" : catchUp ? "catching up" : "continuous",
                output.resolve(volume.name()).toAbsolutePath());
        out.flush();
        Path manifests = output.resolve(volume.name()).resolve(ManifestFormat.DIRECTORY).toAbsolutePath();
        // The catch-up point is fixed before the job reads anything: the journals present at start.
        CatchUp point = catchUp ? CatchUp.of(volume, settings.brickMap(), brickDownTimeout, pollInterval) : null;
        ProgressMetrics.reset();
        JobClient job = env.executeAsync("gnotify " + volume.name());
        if (!embedded) {
            // `flink run` or the Kubernetes operator: the cluster runs the job; its checkpoints resume it.
            out.printf("gnotify: submitted job %s; manifests go to %s%n", job.getJobID(), manifests);
            out.flush();
            return 0;
        }
        // Only a job that restored without claiming (the default) leaves the earlier jobs' files unused.
        Thread cleaner = conf.get(StateRecoveryOptions.RESTORE_MODE) != RecoveryClaimMode.NO_CLAIM ? null
                : new EarlierJobsCleaner(checkpointsDir(stateDir()), job.getJobID().toString(),
                        1000, out).start();
        Thread stopper = new Thread(() -> stop(job, out), "gnotify-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread progress = progressInterval.isZero() ? null
                : new ProgressLine(out, manifests, progressInterval.toMillis()).start();
        RunSummary summary = new RunSummary();
        Thread summaryThread = summaryJson == null ? null : summary.start();
        if (point != null) {
            stopWhenCaughtUp(point, job, out);
        }
        org.apache.flink.api.common.JobExecutionResult result = job.getJobExecutionResult().get();
        if (cleaner != null) {
            cleaner.interrupt();
        }
        if (progress != null) {
            progress.interrupt();
        }
        if (summaryThread != null) {
            summaryThread.interrupt();
            summary.write(summaryJson, result.getNetRuntime() / 1000.0, stateDir());
        }
        Runtime.getRuntime().removeShutdownHook(stopper);
        int count = java.nio.file.Files.isDirectory(manifests) ? ManifestFile.list(manifests).size() : 0;
        out.printf("gnotify: done in %.1f s (job run time); %d manifests in %s%n", result.getNetRuntime() / 1000.0,
                count, manifests);
        out.flush();
        return 0;
    }

    /** Waits until the journals present now are published as far as their windows are complete, then saves and stops. */
    private void stopWhenCaughtUp(CatchUp point, JobClient job, PrintWriter out) throws Exception {
        out.printf("gnotify: catching up to journal second %d (the subvolumes' newest rollovers, the oldest of them)%n", point.target());
        out.flush();
        String savepoint = point.stop(job, checkpointsDir(stateDir()), out);
        out.printf("gnotify: caught up; state saved in %s, where the next run with this --state-dir continues%n", savepoint);
        out.flush();
    }

    /** Ctrl-C or SIGTERM: cancel the job (its checkpoints are kept) and wait for it to end. */
    private static void stop(JobClient job, PrintWriter out) {
        try {
            if (!job.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState()) {
                out.println("gnotify: stopping; checkpoints are kept, so the same command resumes where this run ended");
                out.flush();
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            out.println("gnotify: could not cancel the job cleanly (" + e + "); the last completed checkpoint still resumes it");
            out.flush();
        }
    }

    private StartPosition startPosition() {
        if (bootstrap == Bootstrap.crawl) {
            if (!start.equals("earliest")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--bootstrap crawl starts at the crawl; it cannot be combined with --start " + start);
            }
            return StartPosition.crawl();
        }
        return StartPosition.parse(start);
    }

    /** Where an embedded run keeps its checkpoints and RocksDB files. */
    private Path stateDir() {
        return stateDir == null ? Path.of("gnotify-state") : stateDir;
    }

    /** Where an embedded run with this state directory keeps its checkpoints and savepoints. */
    private static Path checkpointsDir(Path stateDir) {
        return stateDir.toAbsolutePath().resolve("checkpoints");
    }

    private Configuration configuration(boolean embedded) throws java.io.IOException {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        // Timers live on the heap: one per live dedup key, bounded by rate x horizon (docs/design.md).
        conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        // Most namespace look-ups in a window ask for names and inodes that do not exist yet (creates): a bloom
        // filter answers those without reading SST blocks (docs/performance.md).
        conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
        // The namespace and the dedup counts are read at random keys: a fifth of RocksDB's memory for memtables (Flink's
        // default is a half) keeps their skip lists short and leaves the rest to the block cache. At 10 M records this
        // took a fifth off the manifest stage's CPU. Flink warns that memtables will flush constantly at this share;
        // measured, that is the faster regime here (docs/performance.md).
        conf.setString("state.backend.rocksdb.memory.write-buffer-ratio", "0.2");
        // LZ4 instead of Snappy: checkpoints as small, about 40 % less CPU in RocksDB's flushes and compactions.
        conf.setString("state.backend.rocksdb.compression.per.level", "LZ4_COMPRESSION");
        Path state = stateDir;
        if (embedded) {
            state = stateDir();
        } else if (state != null) {
            spec.commandLine().getOut().println("gnotify: --state-dir is ignored on a cluster; its checkpoint storage is used");
            state = null;
        }
        if (state != null) {
            Path stateDir = state;
            Path checkpoints = checkpointsDir(stateDir);
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.setString("state.backend.rocksdb.localdir", stateDir.toAbsolutePath().resolve("rocksdb").toString());
            // The embedded cluster's working and temporary files (blobs, the RPC system's 21 MB jar, the RocksDB
            // library) outlive the process; kept in the state directory, each run removes the ones before it.
            Path work = EmbeddedWorkDir.clean(stateDir);
            conf.set(ClusterOptions.PROCESS_WORKING_DIR_BASE, work.toString());
            conf.set(CoreOptions.TMP_DIRS, EmbeddedWorkDir.tmp(work).toString());
            Optional<Path> latest = LatestCheckpoint.in(checkpoints);
            if (latest.isPresent()) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toString());
                spec.commandLine().getOut().println("gnotify: resuming from " + latest.get());
            }
        }
        conf.setString("metrics.reporter.progress.factory.class", ProgressMetrics.Factory.class.getName());
        flinkConf.applyTo(conf);
        return conf;
    }
}
