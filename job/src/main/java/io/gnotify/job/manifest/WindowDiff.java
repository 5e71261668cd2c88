package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The exact diff of the namespace across one window, per touched inode: names it gained (NEW), lost
 * (DELETE) or moved (RENAME, old path as at the start, new path as at the end), and MODIFY/META for
 * names that exist at both ends when its data/metadata changed. A name whose parent directory was
 * renamed has no entry of its own: the directory's RENAME moves it. Create-then-delete inside the window
 * leaves nothing; a rename back leaves nothing but a MODIFY if written. A name the start could not place (its
 * directory came from a hole in the journals) and the end can is NEW: earlier manifests gave it no path.
 */
public final class WindowDiff {
    private final WindowChanges changes;
    private final PathResolver atStart;
    private final Function<GfidKey, Inode> endView;
    private final PathResolver atEnd;
    private final Touched[] touched;
    private final List<ManifestEntry> out;
    private int next;

    private WindowDiff(WindowChanges changes) {
        this.changes = changes;
        this.atStart = new PathResolver(changes.startView());
        this.endView = changes.endView();
        this.atEnd = new PathResolver(endView);
        this.touched = new Touched[changes.before().size()];
        int n = 0;
        for (Map.Entry<GfidKey, Inode> e : changes.before().entrySet()) {
            touched[n++] = new Touched(e.getKey().msb(), e.getKey().lsb(), e.getKey(), e.getValue());
        }
        Arrays.sort(touched, Touched.GFID_ORDER);
        this.out = new ArrayList<>(touched.length + 16);
    }

    public static List<ManifestEntry> of(WindowChanges changes) {
        WindowDiff d = start(changes);
        d.advance(Integer.MAX_VALUE);
        return d.entries();
    }

    /**
     * A diff to be taken in steps ({@link #advance}); the window's views must not change in between (the window's
     * own store may be flushed: its cache keeps the window's end, and keys it never touched read the same at both ends).
     */
    static WindowDiff start(WindowChanges changes) {
        return new WindowDiff(changes);
    }

    /** Diffs up to {@code inodes} more touched inodes, in gfid order; true once all are done. */
    boolean advance(int inodes) {
        int end = (int) Math.min(touched.length, (long) next + inodes);
        for (; next < end; next++) {
            Touched t = touched[next];
            diff(t.gfid, t.start, endView.apply(t.gfid), changes, atStart, atEnd, out);
        }
        return next == touched.length;
    }

    /** The entries so far (all of them once {@link #advance} returned true). */
    List<ManifestEntry> entries() {
        return out;
    }

    /**
     * A touched inode with its state at the window's start, and its gfid's halves inline: the sort compares
     * these fresh, adjacent objects instead of following each key to wherever the window allocated it, and the
     * start state needs no second look-up.
     */
    private record Touched(long msb, long lsb, GfidKey gfid, Inode start) {
        /** The order of {@link GfidKey#compareTo}. */
        static final Comparator<Touched> GFID_ORDER = (a, b) -> GfidKey.compare(a.msb, a.lsb, b.msb, b.lsb);
    }

    private static void diff(GfidKey g, Inode start, Inode end, WindowChanges changes, PathResolver atStart,
            PathResolver atEnd, List<ManifestEntry> out) {
        List<Link> from = start == null ? List.of() : start.links();
        List<Link> to = end == null ? List.of() : end.links();
        FileType type = end != null ? end.type() : start != null ? start.type() : FileType.OTHER;
        List<Link> removed = new ArrayList<>(from);
        removed.removeAll(to);
        List<Link> added = new ArrayList<>(to.size());
        List<Link> kept = new ArrayList<>(to.size());
        for (Link l : to) {
            // A name kept under a directory the start could not place (a hole's) is new to whoever read the manifests.
            (!from.contains(l) || !atStart.resolves(l) && atEnd.resolves(l) ? added : kept).add(l);
        }
        ManifestEntry.Op change = from.isEmpty() || to.isEmpty() ? null : changes.dataChanged(g) ? ManifestEntry.Op.MODIFY
                : changes.metadataChanged(g) ? ManifestEntry.Op.META : null;
        NameChanges.emit(g, type, paths(removed, atStart), paths(added, atEnd), change, () -> paths(kept, atEnd), out);
    }

    /** The paths of {@code links} in one view (unresolvable ones are null). */
    private static List<byte[]> paths(List<Link> links, PathResolver view) {
        List<byte[]> out = new ArrayList<>(links.size());
        links.forEach(l -> out.add(view.path(l)));
        return out;
    }
}
