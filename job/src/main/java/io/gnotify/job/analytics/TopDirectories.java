package io.gnotify.job.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The busiest directories of each open window and depth, never more than {@code top} of them: a bounded heap
 * whose head is the weakest kept, so a directory that ranks lower is dropped at once. Counts must already
 * be whole per directory and window (the manifest stage pre-combines them).
 */
final class TopDirectories {
    private final int top;
    private final TreeMap<Long, Map<Integer, PriorityQueue<DirectoryCount>>> windows = new TreeMap<>();

    TopDirectories(int top) {
        this.top = top;
    }

    void add(DirectoryCount c) {
        PriorityQueue<DirectoryCount> heap = windows.computeIfAbsent(c.flushAt, w -> new HashMap<>())
                .computeIfAbsent(c.depth, d -> new PriorityQueue<>(DirectoryCount.RANK.reversed()));
        heap.add(c);
        if (heap.size() > top) {
            heap.poll();
        }
    }

    /** Removes and returns the kept directories of every window whose flush second the watermark reached, by window. */
    TreeMap<Long, List<DirectoryCount>> takeUpTo(long watermark) {
        TreeMap<Long, List<DirectoryCount>> out = new TreeMap<>();
        while (!windows.isEmpty() && windows.firstKey() * 1000 - 1 <= watermark) {
            Map.Entry<Long, Map<Integer, PriorityQueue<DirectoryCount>>> w = windows.pollFirstEntry();
            List<DirectoryCount> ranked = new ArrayList<>();
            w.getValue().values().forEach(ranked::addAll);
            ranked.sort(DirectoryCount.RANK);
            out.put(w.getKey(), ranked);
        }
        return out;
    }

    /** Everything kept, for a checkpoint. */
    List<DirectoryCount> all() {
        List<DirectoryCount> out = new ArrayList<>();
        windows.values().forEach(byDepth -> byDepth.values().forEach(out::addAll));
        return out;
    }
}
