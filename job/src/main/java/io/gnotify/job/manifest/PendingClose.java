package io.gnotify.job.manifest;

import io.gnotify.job.analytics.WindowStatsCollector;
import java.util.List;

/**
 * A window's close after the watermark passed it: the diff, the replay order, the three rendered files, and last
 * the write of its changes to the store. The manifest stage runs it in short steps between the next window's
 * operations (which see this window's changes through {@link ClosingOverlay}), so that the stage keeps taking
 * input and checkpoint barriers while a large window closes. Until the last step the store still holds the
 * window's start, so a checkpoint in between keeps the window's operations and header and a restore closes it again.
 */
final class PendingClose {
    /** Touched inodes diffed per call of {@link WindowDiff#advance} before the clock is looked at again. */
    private static final int DIFF_BATCH = 256;

    private enum Phase { DIFF, ORDER, MANIFEST, SIDE_FILES, FLUSH, DONE }

    final ManifestWindow window;
    /** When the window's files commit (the window-file sink's watermark). */
    final long commitAt;
    /** The files' path without suffix. */
    final String stem;
    private final OpenWindow closed;
    private final WindowDiff diff;
    private Phase phase = Phase.DIFF;
    private List<ManifestEntry> entries;
    private ManifestFormat.Rendered manifest;
    private List<byte[]> glusterfind;
    private List<byte[]> paths0;

    PendingClose(ManifestWindow window, long commitAt, String stem, OpenWindow closed) {
        this.window = window;
        this.commitAt = commitAt;
        this.stem = stem;
        this.closed = closed;
        this.diff = WindowDiff.start(closed.changes);
    }

    /** Works on the close for about {@code budgetNanos} (at least one unit of work); true once it is complete. */
    boolean step(long budgetNanos) {
        long until = System.nanoTime() + budgetNanos;
        do {
            switch (phase) {
                case DIFF -> {
                    if (diff.advance(DIFF_BATCH)) {
                        phase = Phase.ORDER;
                    }
                }
                case ORDER -> {
                    entries = ReplayPlan.entryOrder(diff.entries());
                    phase = Phase.MANIFEST;
                }
                case MANIFEST -> {
                    manifest = ManifestFormat.manifest(window, entries);
                    phase = Phase.SIDE_FILES;
                }
                case SIDE_FILES -> {
                    glusterfind = ManifestFormat.glusterfind(entries);
                    paths0 = ManifestFormat.paths0(entries);
                    phase = Phase.FLUSH;
                }
                case FLUSH -> {
                    // One step: a checkpoint sees the store at the window's start or at its end, never between.
                    closed.cache.flush();
                    phase = Phase.DONE;
                }
                case DONE -> {
                    return true;
                }
            }
        } while (System.nanoTime() < until);
        return phase == Phase.DONE;
    }

    /** Completes the close at once. */
    void finish() {
        while (!step(0)) {
            // with no budget, each step does one unit of work
        }
    }

    /** The closing window's operations, for a checkpoint taken before the close completes. */
    List<byte[]> log() {
        return closed.snapshot();
    }

    /** The names given lately before the closing window, for the same checkpoint. */
    RecentNames earlier() {
        return closed.earlier;
    }

    /** The closing window's cache: its changes, until they are flushed. */
    NamespaceStore cache() {
        return closed.cache;
    }

    /** The closing window's statistics, for the analytics. */
    WindowStatsCollector stats() {
        return closed.stats;
    }

    /** The entries in replay order (once complete). */
    List<ManifestEntry> entries() {
        return entries;
    }

    /** The manifest and its hash (once complete). */
    ManifestFormat.Rendered manifest() {
        return manifest;
    }

    List<byte[]> glusterfind() {
        return glusterfind;
    }

    List<byte[]> paths0() {
        return paths0;
    }
}
