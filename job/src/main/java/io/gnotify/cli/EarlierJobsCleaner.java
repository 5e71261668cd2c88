package io.gnotify.cli;

import io.gnotify.job.LatestCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Removes the checkpoint directories of earlier jobs (a run that crashed keeps its last checkpoints) once the running
 * job has completed a checkpoint of its own: a restored job does not claim the files it started from, so from then on
 * nothing needs them. Savepoints are kept.
 */
final class EarlierJobsCleaner implements Runnable {
    private final Path checkpoints;
    private final String jobId;
    private final long pollMillis;
    private final PrintWriter out;

    EarlierJobsCleaner(Path checkpoints, String jobId, long pollMillis, PrintWriter out) {
        this.checkpoints = checkpoints;
        this.jobId = jobId;
        this.pollMillis = pollMillis;
        this.out = out;
    }

    /** Starts polling on a daemon thread. */
    Thread start() {
        Thread t = new Thread(this, "gnotify-earlier-jobs");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            while (!cleanIfCheckpointed()) {
                Thread.sleep(pollMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            out.printf("gnotify: could not remove the checkpoints of earlier jobs in %s (%s)%n", checkpoints, e);
            out.flush();
        }
    }

    /** Removes the earlier jobs' directories if this job has a complete checkpoint; true when it did (or had none to). */
    boolean cleanIfCheckpointed() throws IOException {
        Path own = checkpoints.resolve(jobId);
        if (!LatestCheckpoint.hasCompleteCheckpoint(own)) {
            return false;
        }
        Set<Path> keep = Set.of(own, checkpoints.resolve(CatchUp.SAVEPOINTS));
        List<Path> earlier = LatestCheckpoint.jobDirectories(checkpoints, keep);
        if (!earlier.isEmpty()) {
            long bytes = 0;
            for (Path job : earlier) {
                bytes += RunSummary.sizeOnDisk(job);
            }
            LatestCheckpoint.remove(earlier);
            out.printf("gnotify: the job's first checkpoint is complete; removed the checkpoint directories of %d earlier "
                    + "jobs (%.1f MB)%n", earlier.size(), bytes / 1e6);
            out.flush();
        }
        return true;
    }
}
