package io.gnotify.cli;

import io.gnotify.job.manifest.ManifestFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the embedded job's progress every few seconds: manifests committed (and the newest window), then
 * per brick its journal time, event-time lag, records per second since the last line, and state.
 */
final class ProgressLine {
    private static final String[] STATUS = {"caught up", "reading", "DOWN"};

    private final PrintWriter out;
    private final Path manifests;
    private final long intervalMillis;
    private final Map<String, Long> lastRecords = new HashMap<>();
    private long lastAt = System.nanoTime();

    ProgressLine(PrintWriter out, Path manifests, long intervalMillis) {
        this.out = out;
        this.manifests = manifests;
        this.intervalMillis = intervalMillis;
    }

    /** Starts printing on a daemon thread. */
    Thread start() {
        return Periodic.start("gnotify-progress", intervalMillis, () -> {
            out.println(line());
            out.flush();
        }, e -> out.println("gnotify: progress line stopped: " + e));
    }

    String line() throws java.io.IOException {
        long now = System.nanoTime();
        double seconds = Math.max(1e-3, (now - lastAt) / 1e9);
        lastAt = now;
        StringBuilder b = new StringBuilder("gnotify ").append(LocalTime.now().truncatedTo(ChronoUnit.SECONDS));
        List<Path> committed = Files.isDirectory(manifests) ? ManifestFile.list(manifests) : List.of();
        b.append(" | windows committed ").append(committed.size());
        if (!committed.isEmpty()) {
            String last = committed.get(committed.size() - 1).getFileName().toString();
            b.append(" (newest ").append(last, 0, last.indexOf('.')).append(')');
        }
        for (String brick : ProgressMetrics.bricks()) {
            long records = ProgressMetrics.brick(brick, "recordsRead");
            long rate = Math.round((records - lastRecords.getOrDefault(brick, records)) / seconds);
            lastRecords.put(brick, records);
            long lag = ProgressMetrics.brick(brick, "eventTimeLagMillis");
            int status = (int) ProgressMetrics.brick(brick, "status");
            b.append(" | ").append(brick.substring(brick.lastIndexOf('/') + 1))
                    .append(" @").append(ProgressMetrics.brick(brick, "currentJournalTimestamp"))
                    .append(" lag ").append(lag < 0 ? "-" : String.format("%.1fs", lag / 1000.0))
                    .append(' ').append(rate).append(" rec/s")
                    .append(status >= 0 && status < STATUS.length ? " " + STATUS[status] : "");
        }
        return b.toString();
    }
}
