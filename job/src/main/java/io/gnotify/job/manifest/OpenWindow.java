package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import io.gnotify.job.analytics.WindowStatsCollector;
import io.gnotify.job.state.ChunkedLog;
import java.util.List;

/**
 * The window being collected: each operation is applied to the namespace (through the window's write-back
 * cache) and counted for the analytics as it arrives, and logged compactly for checkpoints. At the close only
 * the diff, the plan and the files are left to do. A restore replays the log onto the namespace as it was
 * checkpointed, which is the window's start: nothing of an open window is written to the store before its close.
 */
final class OpenWindow {
    final CachedNamespaceStore cache;
    final WindowChanges changes;
    final WindowStatsCollector stats;
    /** The names given lately before this window, which its name conflicts are checked against. */
    final RecentNames earlier;
    private final ChunkedLog<VolumeEvent> log = new ChunkedLog<>(VolumeEventSerializer.INSTANCE);

    OpenWindow(NamespaceStore namespace, NameOwners owners, RolloverSpacing spacing, AnonymousInodeDir hidden, int bricks,
            int expectedKeys, RecentNames earlier) {
        this.cache = new CachedNamespaceStore(namespace, expectedKeys);
        this.earlier = earlier;
        this.changes = new WindowChanges(cache, owners, spacing, hidden, earlier);
        this.stats = new WindowStatsCollector(bricks, hidden);
    }

    void add(VolumeEvent e) {
        log.append(e);
        changes.apply(e);
        stats.add(e);
    }

    int operations() {
        return log.count();
    }

    /** The log's chunks, for a checkpoint. */
    List<byte[]> snapshot() {
        return log.chunks();
    }

    /** {@code fresh} (a new window over the same namespace) with this window's logged operations replayed into it. */
    OpenWindow rebuilt(OpenWindow fresh) {
        fresh.replay(snapshot());
        return fresh;
    }

    /** Replays a checkpointed log. */
    void replay(Iterable<byte[]> chunks) {
        ChunkedLog.replay(chunks, VolumeEventSerializer.INSTANCE, this::add);
    }
}
