package io.gnotify.connectors.source.split;

/** The mutable position of a split while its records are emitted; snapshotted as a {@link BrickSplit}. */
public final class BrickSplitState {
    private final BrickSplit split;
    private BrickCursor cursor;
    private boolean idle;

    public BrickSplitState(BrickSplit split) {
        this.split = split;
        this.cursor = split.cursor();
    }

    public BrickSplit split() {
        return split;
    }

    public BrickCursor cursor() {
        return cursor;
    }

    /** The position after an emitted record or a completed rollover. */
    public void moveTo(BrickCursor next) {
        this.cursor = next;
    }

    /** True while the split is marked idle because its brick is down and a replica carries it. */
    public boolean idle() {
        return idle;
    }

    public void idle(boolean value) {
        this.idle = value;
    }

    public BrickSplit toSplit() {
        return split.withCursor(cursor);
    }
}
