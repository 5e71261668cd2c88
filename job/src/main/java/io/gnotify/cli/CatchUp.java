package io.gnotify.cli;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.LatestCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * {@code gnotify run --catch-up}: stops an embedded continuous run with a savepoint once it has published every
 * window that the journals present at its start complete, so the next run with the same state continues there.
 */
final class CatchUp {
    /** Where the savepoints go, under the checkpoint directory (so {@code LatestCheckpoint} finds them). */
    static final String SAVEPOINTS = "savepoints";
    /** Savepoints kept: the newest and the one before it. */
    private static final int KEPT = 2;
    private static final long POLL_MILLIS = 200;
    private static final int SAVEPOINT_ATTEMPTS = 3;

    /** The journal second the volume's journals reached at the start (see {@link #of}; {@code -1}: none had any). */
    private final long target;
    private final int brickCount;
    /**
     * With no brick reading, this long without progress ends the wait (a subvolume that never gets there); longer
     * than the brick down timeout, so that a dead replica is marked down and carried first.
     */
    private final long quietMillis;

    private CatchUp(long target, int brickCount, long quietMillis) {
        this.target = target;
        this.brickCount = brickCount;
        this.quietMillis = quietMillis;
    }

    /**
     * The catch-up point of a volume now, by the rule the volume watermark follows. In each subvolume, a brick whose
     * newest rollover is more than {@code downTimeout} older than its subvolume's newest has stopped rolling
     * over: the job marks it down and its replicas carry on, so it does not count. Of the others, the oldest newest
     * rollover is how far the subvolume gets; the target is the least of the subvolumes'. Each brick is read where
     * {@code map} puts it; bricks without a readable changelog or without journals do not count. A run that cannot get
     * there stops once nothing has moved for the down timeout plus 10 s (at least 10 s and three poll intervals).
     */
    static CatchUp of(VolumeInfo volume, BrickMap map, Duration downTimeout, Duration pollInterval) {
        long quietMillis = Math.max(Math.max(10_000, 3 * pollInterval.toMillis()), downTimeout.toMillis() + 10_000);
        long downTimeoutSeconds = downTimeout.toSeconds();
        long target = Long.MAX_VALUE;
        for (int sv = 0; sv < volume.subvolumeCount(); sv++) {
            List<Long> newest = new ArrayList<>();
            for (Brick b : volume.subvolume(sv)) {
                long ts = newestRollover(map.locate(b));
                if (ts >= 0) {
                    newest.add(ts);
                }
            }
            if (newest.isEmpty()) {
                continue;
            }
            long front = Collections.max(newest);
            target = Math.min(target, newest.stream().filter(ts -> ts >= front - downTimeoutSeconds)
                    .min(Long::compare).orElseThrow());
        }
        return new CatchUp(target == Long.MAX_VALUE ? -1 : target, volume.bricks().size(), quietMillis);
    }

    /** The journal second of a brick's newest rollover, or -1 if it has none (or no changelog to read). */
    private static long newestRollover(Path brick) {
        try {
            List<JournalRef> refs = Files.isDirectory(brick) ? BrickChangelog.of(brick).rollovers(ProblemListener.IGNORE)
                    : List.of();
            return refs.isEmpty() ? -1 : refs.get(refs.size() - 1).timestamp();
        } catch (IOException e) {
            return -1; // the job reports the brick; it holds nothing back here
        }
    }

    /** The journal second the volume's journals reached at the start, or -1. */
    long target() {
        return target;
    }

    /**
     * Waits until the manifest stage has handled the watermark of {@link #target()} and published a bootstrap's full
     * manifest (or, failing that, until no brick is reading and nothing has moved for the quiet time), then stops the
     * job with a savepoint in {@code checkpoints/savepoints}, removes all but the two newest savepoints and the
     * directories of jobs that ended before. Returns the savepoint.
     */
    String stop(JobClient job, Path checkpoints, PrintWriter out) throws Exception {
        long quietSince = System.currentTimeMillis();
        long lastProgress = progress();
        while (!reached()) {
            if (job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
                throw new IllegalStateException("the job ended before it caught up: " + job.getJobStatus().get());
            }
            long p = progress();
            long now = System.currentTimeMillis();
            if (p != lastProgress || anyBrickReading()) {
                lastProgress = p;
                quietSince = now;
            } else if (now - quietSince >= quietMillis) {
                out.printf("gnotify: no brick has more to read and nothing moved for %d s; stopping before journal second "
                        + "%d was reached (the manifest stage is at watermark %d)%n", quietMillis / 1000, target,
                        ProgressMetrics.job("manifestWatermark"));
                break;
            }
            Thread.sleep(POLL_MILLIS);
        }
        Path savepoints = checkpoints.resolve(SAVEPOINTS);
        String savepoint = stopWithSavepoint(job, savepoints, out);
        LatestCheckpoint.keepNewestSavepoints(savepoints, KEPT);
        // The job that just stopped may still be cleaning up its own directory; the next run removes it.
        LatestCheckpoint.removeJobDirectories(checkpoints,
                Set.of(savepoints, checkpoints.resolve(job.getJobID().toString())));
        return savepoint;
    }

    /** Stops the job with a savepoint in {@code savepoints}, trying again when one is declined. */
    private static String stopWithSavepoint(JobClient job, Path savepoints, PrintWriter out) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.NATIVE).get();
            } catch (ExecutionException e) {
                // A savepoint can be declined (a task restarting, a checkpoint failing); the job runs on meanwhile.
                if (attempt == SAVEPOINT_ATTEMPTS) {
                    throw e;
                }
                out.printf("gnotify: the savepoint failed (%s); trying again%n", e.getCause());
                out.flush();
                Thread.sleep(1000);
            }
        }
    }

    /**
     * True once the windows that the target completes are published, and the full manifest of a bootstrap crawl too
     * (it closes once every brick has rolled over past the crawl, which a fresh run starts after the target).
     */
    private boolean reached() {
        return target >= 0 && ProgressMetrics.job("manifestWatermark") >= target * 1000 - 1
                && ProgressMetrics.job("fullManifestPending") == 0;
    }

    private boolean anyBrickReading() {
        var bricks = ProgressMetrics.bricks();
        if (bricks.size() < brickCount) {
            return true; // not every brick's reader has started yet
        }
        return bricks.stream().anyMatch(b -> ProgressMetrics.brick(b, "status") == 1);
    }

    /** Everything that moves while the job works, added up. */
    private static long progress() {
        long p = ProgressMetrics.job("operations") + ProgressMetrics.job("eventsSequenced")
                + ProgressMetrics.job("manifestsWritten") + ProgressMetrics.job("manifestWatermark");
        for (String b : ProgressMetrics.bricks()) {
            p += ProgressMetrics.brick(b, "recordsRead") + ProgressMetrics.brick(b, "currentJournalTimestamp");
        }
        return p;
    }
}
