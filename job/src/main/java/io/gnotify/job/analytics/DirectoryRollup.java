package io.gnotify.job.analytics;

import io.gnotify.job.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Rolls one window's manifest entries up to directories: at depth d a path counts for its first d directory
 * names (fewer if it is not that deep; "" is the root). A RENAME counts for the directories it left and the
 * one it entered. Also counts renames whose top-level directory changed. Used once per window, at its close.
 */
final class DirectoryRollup {
    private static final byte[] ROOT = new byte[0];

    private final Map<Key, long[]> counts = new HashMap<>();
    private final Map<Key, long[]> crossTop = new HashMap<>();
    private long crossTopRenames;

    /** A path prefix as a map key (depth -1 is a "from -> to" pair of top-level directories). */
    private record Key(int depth, byte[] dir, byte[] to) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.depth == depth && Arrays.equals(k.dir, dir) && Arrays.equals(k.to, to);
        }

        @Override
        public int hashCode() {
            return (depth * 31 + Arrays.hashCode(dir)) * 31 + Arrays.hashCode(to);
        }
    }

    DirectoryRollup(List<ManifestEntry> entries, int[] depths) {
        for (ManifestEntry e : entries) {
            if (e.path() == null) {
                continue;
            }
            for (int d : depths) {
                byte[] at = prefix(e.path(), d);
                add(counts, new Key(d, at, null));
                if (e.op() == ManifestEntry.Op.RENAME && e.oldPath() != null) {
                    byte[] from = prefix(e.oldPath(), d);
                    if (!Arrays.equals(from, at)) {
                        add(counts, new Key(d, from, null));
                    }
                }
            }
            if (e.op() == ManifestEntry.Op.RENAME && e.oldPath() != null) {
                byte[] from = prefix(e.oldPath(), 1);
                byte[] to = prefix(e.path(), 1);
                if (!Arrays.equals(from, to)) {
                    crossTopRenames++;
                    add(crossTop, new Key(-1, from, to));
                }
            }
        }
    }

    /** Every directory's count, one record each, to be ranked downstream. */
    void forEachDirectory(long flushAt, Consumer<DirectoryCount> out) {
        counts.forEach((k, n) -> out.accept(new DirectoryCount(flushAt, k.depth(), k.dir(), n[0])));
    }

    long crossTopRenames() {
        return crossTopRenames;
    }

    /** The busiest "from -> to" top-level pairs of cross-directory renames, at most {@code top}. */
    List<RenamePair> topRenamePairs(int top) {
        List<RenamePair> pairs = new ArrayList<>();
        crossTop.forEach((k, n) -> pairs.add(new RenamePair(k.dir(), k.to(), n[0])));
        pairs.sort(RenamePair.RANK);
        return pairs.subList(0, Math.min(top, pairs.size()));
    }

    /** A rename's top-level directories and how often the window moved names between them. */
    record RenamePair(byte[] from, byte[] to, long count) {
        static final java.util.Comparator<RenamePair> RANK = java.util.Comparator.comparingLong((RenamePair p) -> -p.count)
                .thenComparing(RenamePair::from, Arrays::compareUnsigned).thenComparing(RenamePair::to, Arrays::compareUnsigned);
    }

    private static void add(Map<Key, long[]> m, Key k) {
        m.computeIfAbsent(k, x -> new long[1])[0]++;
    }

    /** The first {@code depth} directory names of {@code path} (not the last name, which is the entry itself). */
    static byte[] prefix(byte[] path, int depth) {
        int slashes = 0;
        for (int i = 0; i < path.length; i++) {
            if (path[i] == '/' && ++slashes == depth) {
                return Arrays.copyOf(path, i);
            }
        }
        int last = lastSlash(path);
        return last < 0 ? ROOT : Arrays.copyOf(path, last);
    }

    private static int lastSlash(byte[] path) {
        for (int i = path.length - 1; i >= 0; i--) {
            if (path[i] == '/') {
                return i;
            }
        }
        return -1;
    }
}
