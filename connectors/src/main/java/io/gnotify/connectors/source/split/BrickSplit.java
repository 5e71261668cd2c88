package io.gnotify.connectors.source.split;

import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.Brick;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One brick's journals, as a split: the brick, where its directory is on the reading machine, how a fresh
 * read starts, and the {@link BrickCursor} (absent until the reader has resolved the start position
 * against the brick's HTIME index).
 */
public final class BrickSplit implements SourceSplit {
    private final Brick brick;
    private final String localPath;
    private final StartPosition start;
    private final boolean bounded;
    private final BrickCursor cursor;

    public BrickSplit(Brick brick, String localPath, StartPosition start, boolean bounded, BrickCursor cursor) {
        this.brick = Objects.requireNonNull(brick, "brick");
        this.localPath = Objects.requireNonNull(localPath, "localPath");
        this.start = Objects.requireNonNull(start, "start");
        this.bounded = bounded;
        this.cursor = cursor;
    }

    @Override
    public String splitId() {
        return brick.id();
    }

    public Brick brick() {
        return brick;
    }

    /** The brick directory on the machine that reads it (after {@code --brick-map}). */
    public String localPath() {
        return localPath;
    }

    public StartPosition start() {
        return start;
    }

    /** True if the split ends at the journals present when it was first opened. */
    public boolean bounded() {
        return bounded;
    }

    /** The position, or {@code null} for a split never opened. */
    public BrickCursor cursor() {
        return cursor;
    }

    /**
     * This split as a run of the given mode reads it: a split restored from a run of the other mode (a bounded
     * run resuming a continuous run's checkpoint, or the reverse) takes this run's mode, and its follower moves
     * the cursor's end accordingly.
     */
    public BrickSplit inMode(boolean boundedRun) {
        return boundedRun == bounded ? this : new BrickSplit(brick, localPath, start, boundedRun, cursor);
    }

    public BrickSplit withCursor(BrickCursor newCursor) {
        return new BrickSplit(brick, localPath, start, bounded, newCursor);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BrickSplit)) {
            return false;
        }
        BrickSplit s = (BrickSplit) o;
        return bounded == s.bounded && brick.equals(s.brick) && localPath.equals(s.localPath) && start.equals(s.start)
                && Objects.equals(cursor, s.cursor);
    }

    @Override
    public int hashCode() {
        return Objects.hash(brick, localPath, start, bounded, cursor);
    }

    @Override
    public String toString() {
        return "BrickSplit{" + brick + " at " + localPath + ", " + (cursor == null ? "start " + start : cursor) + "}";
    }
}
