package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Inodes whose names a manifest published without a path, kept until a later window can place them: that window
 * then publishes them NEW with their paths. A name has no path while a directory above it is unknown (created in a
 * hole of the journals, or before they begin); each tracked inode watches the directories from its name's parent
 * up to that unknown one, and a window that touches one of them has the diff look at the inode again (the diff
 * makes a name NEW that the window's start could not place and its end can). Bounded: past {@code capacity} inodes
 * new ones are left untracked and counted.
 */
final class UnplacedNames {
    private final int capacity;
    /** Tracked inode to the directories it watches. */
    private final Map<GfidKey, List<GfidKey>> watching = new LinkedHashMap<>();
    /** Directory to the tracked inodes watching it. */
    private final Map<GfidKey, Set<GfidKey>> watchers = new HashMap<>();
    /** Inodes the closing window's diff looks at again; checked as its manifest is published. */
    private final Set<GfidKey> revisited = new LinkedHashSet<>();
    private long untracked;

    /** {@code capacity}: the most inodes tracked (0: none). */
    UnplacedNames(int capacity) {
        this.capacity = capacity;
    }

    /** How many inodes are tracked. */
    int size() {
        return watching.size();
    }

    /** How many inodes with unplaced names were left untracked because the capacity was reached. */
    long untracked() {
        return untracked;
    }

    /**
     * As window {@code changes} closes (before its diff): the tracked inodes that watch a directory it touched are
     * touched too, so its diff gives their names paths if its end can place them.
     */
    void onClose(WindowChanges changes) {
        if (watching.isEmpty()) {
            return;
        }
        // Whichever side is smaller is walked: a window touches up to hundreds of thousands of inodes.
        Set<GfidKey> touched = changes.before().keySet();
        if (watchers.size() < touched.size()) {
            watchers.forEach((dir, w) -> {
                if (touched.contains(dir)) {
                    revisited.addAll(w);
                }
            });
        } else {
            for (GfidKey dir : touched) {
                Set<GfidKey> w = watchers.get(dir);
                if (w != null) {
                    revisited.addAll(w);
                }
            }
        }
        revisited.forEach(changes::reconsider);
    }

    /** A closing window restored from a checkpoint: touches again what {@link #onClose} touched before it. */
    void onRestoredClose(WindowChanges changes) {
        revisited.forEach(changes::reconsider);
    }

    /**
     * A window's manifest went out; {@code atEnd}: the namespace as at the window's end. Inodes it published without
     * a path, and those it looked at again, are tracked by what still keeps their names from a path (or dropped).
     */
    void published(List<ManifestEntry> entries, Function<GfidKey, Inode> atEnd) {
        Set<GfidKey> check = new LinkedHashSet<>(revisited);
        revisited.clear();
        for (ManifestEntry e : entries) {
            if (e.unresolved() || watching.containsKey(e.gfid())) {
                check.add(e.gfid());
            }
        }
        if (check.isEmpty()) {
            return;
        }
        PathResolver resolver = new PathResolver(atEnd);
        for (GfidKey g : check) {
            forget(g);
            Inode inode = atEnd.apply(g);
            if (inode == null) {
                continue;
            }
            Set<GfidKey> dirs = new LinkedHashSet<>();
            inode.links().forEach(l -> dirs.addAll(resolver.unplacedChain(l)));
            if (!dirs.isEmpty()) {
                track(g, new ArrayList<>(dirs));
            }
        }
    }

    private void track(GfidKey g, List<GfidKey> dirs) {
        if (watching.size() >= capacity) {
            untracked++;
            return;
        }
        watching.put(g, dirs);
        dirs.forEach(d -> watchers.computeIfAbsent(d, k -> new LinkedHashSet<>()).add(g));
    }

    private void forget(GfidKey g) {
        List<GfidKey> dirs = watching.remove(g);
        if (dirs == null) {
            return;
        }
        for (GfidKey d : dirs) {
            Set<GfidKey> w = watchers.get(d);
            w.remove(g);
            if (w.isEmpty()) {
                watchers.remove(d);
            }
        }
    }

    /**
     * For a checkpoint: one array per tracked inode, {@code [msb, lsb, revisited (1/0), then each watched directory's
     * msb and lsb]}.
     */
    List<long[]> snapshot() {
        List<long[]> out = new ArrayList<>(watching.size());
        watching.forEach((g, dirs) -> {
            long[] a = new long[3 + 2 * dirs.size()];
            a[0] = g.msb();
            a[1] = g.lsb();
            a[2] = revisited.contains(g) ? 1 : 0;
            for (int i = 0; i < dirs.size(); i++) {
                a[3 + 2 * i] = dirs.get(i).msb();
                a[4 + 2 * i] = dirs.get(i).lsb();
            }
            out.add(a);
        });
        return out;
    }

    /** Adds one array of {@link #snapshot()}. */
    void restore(long[] a) {
        GfidKey g = new GfidKey(a[0], a[1]);
        if (a[2] == 1) {
            revisited.add(g);
        }
        List<GfidKey> dirs = new ArrayList<>();
        for (int i = 3; i + 1 < a.length; i += 2) {
            dirs.add(new GfidKey(a[i], a[i + 1]));
        }
        if (!dirs.isEmpty()) {
            track(g, dirs);
        }
    }
}
