package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.source.split.BrickSplit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads the bricks assigned to one source reader on the fetcher thread: each fetch takes up to a batch of
 * elements from every active brick in turn, and waits for the poll interval (or a wake-up) when no brick
 * has anything new. Bricks are never finished in continuous mode, so their watermarks never freeze.
 */
final class BrickSplitReader implements SplitReader<BrickElement, BrickSplit> {
    private final Map<String, BrickFollower> followers = new LinkedHashMap<>();
    private final Set<String> paused = new HashSet<>();
    private final BrickStatusBoard board;
    private final BrickProblemReporter problems;
    private final long pollIntervalMillis;
    private final int maxPerBrick;
    private final Object wakeLock = new Object();
    private boolean wakeRequested;

    BrickSplitReader(BrickStatusBoard board, BrickProblemReporter problems, long pollIntervalMillis, int maxPerBrick) {
        this.board = board;
        this.problems = problems;
        this.pollIntervalMillis = pollIntervalMillis;
        this.maxPerBrick = maxPerBrick;
    }

    @Override
    public RecordsWithSplitIds<BrickElement> fetch() throws IOException {
        RecordsBySplits.Builder<BrickElement> batch = new RecordsBySplits.Builder<>();
        boolean any = false;
        List<String> finished = new ArrayList<>();
        for (Map.Entry<String, BrickFollower> f : followers.entrySet()) {
            String id = f.getKey();
            if (paused.contains(id)) {
                continue;
            }
            List<BrickElement> out = new ArrayList<>();
            RolloverKind away = board.takeIdleRequest(id);
            if (away != null) {
                out.add(BrickElement.idle(f.getValue().cursor(), away));
            }
            if (!f.getValue().poll(maxPerBrick, out)) {
                finished.add(id);
            }
            board.markReading(id, !out.isEmpty());
            for (BrickElement e : out) {
                batch.add(id, e);
            }
            any |= !out.isEmpty();
        }
        for (String id : finished) {
            followers.remove(id);
            batch.addFinishedSplit(id);
        }
        if (!any && finished.isEmpty()) {
            waitForWork();
        }
        return batch.build();
    }

    private void waitForWork() throws IOException {
        synchronized (wakeLock) {
            if (!wakeRequested) {
                try {
                    wakeLock.wait(pollIntervalMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for new journals", e);
                }
            }
            wakeRequested = false;
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<BrickSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass().getSimpleName());
        }
        for (BrickSplit s : change.splits()) {
            followers.put(s.splitId(), new BrickFollower(s, problems.forBrick(s.splitId())));
        }
    }

    @Override
    public void pauseOrResumeSplits(Collection<BrickSplit> toPause, Collection<BrickSplit> toResume) {
        toPause.forEach(s -> paused.add(s.splitId()));
        toResume.forEach(s -> paused.remove(s.splitId()));
    }

    @Override
    public void wakeUp() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    @Override
    public void close() {
        followers.clear();
    }
}
