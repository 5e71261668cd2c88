package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.source.event.BrickProgressEvent;
import io.gnotify.connectors.source.event.BrickStatusEvent;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.volume.VolumeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each brick's split to one reader once all readers have registered (locality first, then balance),
 * takes splits back after failures, and, in continuous mode, watches brick progress to declare bricks
 * down or back and tell their readers.
 */
public final class BrickJournalEnumerator implements SplitEnumerator<BrickSplit, BrickEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(BrickJournalEnumerator.class);

    private final SplitEnumeratorContext<BrickSplit> context;
    private final boolean bounded;
    private final long livenessCheckMillis;
    private final BrickLiveness liveness;
    private final List<BrickSplit> pending = new ArrayList<>();
    private final Map<String, Integer> owner = new HashMap<>();
    private final Map<Integer, Integer> load = new HashMap<>();

    public BrickJournalEnumerator(SplitEnumeratorContext<BrickSplit> context, VolumeInfo volume,
            List<BrickSplit> unassigned, boolean bounded, long downTimeoutMillis, long gapTimeoutMillis,
            long livenessCheckMillis) {
        this.context = context;
        this.bounded = bounded;
        this.livenessCheckMillis = livenessCheckMillis;
        this.liveness = new BrickLiveness(volume, downTimeoutMillis, gapTimeoutMillis, System::currentTimeMillis);
        this.pending.addAll(unassigned);
    }

    @Override
    public void start() {
        context.metricGroup().gauge("bricksDown", liveness::downCount);
        if (!bounded) {
            context.callAsync(() -> null, (ignored, error) -> checkLiveness(), livenessCheckMillis, livenessCheckMillis);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        assignPending();
    }

    @Override
    public void addSplitsBack(List<BrickSplit> splits, int subtaskId) {
        for (BrickSplit s : splits) {
            owner.remove(s.splitId());
            load.merge(subtaskId, -1, Integer::sum);
            pending.add(s);
        }
        LOG.info("{} brick split(s) returned by subtask {}; reassigning when readers are back", splits.size(), subtaskId);
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (event instanceof BrickProgressEvent p) {
            liveness.progress(p.brick(), p.lastRollover());
            // Splits restored from a checkpoint were never assigned here: their readers make themselves known by
            // reporting, so that down and up verdicts reach them.
            owner.put(p.brick(), subtaskId);
        }
    }

    private void assignPending() {
        Map<Integer, ReaderInfo> readers = context.registeredReaders();
        if (readers.size() < context.currentParallelism()) {
            return;
        }
        if (!pending.isEmpty()) {
            Map<Integer, String> hosts = new TreeMap<>();
            readers.forEach((id, info) -> hosts.put(id, info.getLocation()));
            Map<Integer, List<BrickSplit>> plan = BrickAssigner.assign(pending, hosts, load);
            plan.forEach((subtask, splits) -> splits.forEach(s -> {
                owner.put(s.splitId(), subtask);
                LOG.info("brick {} -> reader {} on {}", s.splitId(), subtask, hosts.get(subtask));
            }));
            pending.clear();
            context.assignSplits(new SplitsAssignment<>(plan));
        }
        if (bounded) {
            readers.keySet().forEach(context::signalNoMoreSplits);
        }
    }

    private void checkLiveness() {
        for (BrickStatusEvent change : liveness.evaluate()) {
            Integer subtask = owner.get(change.brick());
            if (change.down()) {
                LOG.warn("brick {} is DOWN: no rollover read for the down timeout{}", change.brick(),
                        change.carried() ? "; a live replica carries its subvolume"
                                : change.uncovered() ? "; its subvolume has had no live brick for the subvolume gap "
                                        + "timeout: windows are published without it, marked 'gap'"
                                        : "; no live replica, the volume watermark waits for it");
            } else {
                LOG.info("brick {} is up again", change.brick());
            }
            if (subtask != null) {
                context.sendEventToSourceReader(subtask, change);
            }
        }
    }

    @Override
    public BrickEnumeratorState snapshotState(long checkpointId) {
        return new BrickEnumeratorState(new ArrayList<>(pending), true);
    }

    @Override
    public void close() {}
}
