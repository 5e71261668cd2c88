package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.source.split.BrickSplit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses a reader for each brick: a reader on the brick's host if there is one (locality), otherwise any
 * reader (bricks on shared storage), always the least loaded, ties to the lowest subtask. Deterministic
 * for the same bricks and readers.
 */
final class BrickAssigner {
    private BrickAssigner() {}

    /**
     * @param splits bricks to place, in any order
     * @param readerHosts subtask index to the host its reader runs on
     * @param load subtask index to the number of bricks it already reads (updated)
     */
    static Map<Integer, List<BrickSplit>> assign(List<BrickSplit> splits, Map<Integer, String> readerHosts,
            Map<Integer, Integer> load) {
        Map<Integer, List<BrickSplit>> out = new HashMap<>();
        List<BrickSplit> ordered = new ArrayList<>(splits);
        ordered.sort(Comparator.comparingInt(s -> s.brick().index()));
        for (BrickSplit s : ordered) {
            List<Integer> local = new ArrayList<>();
            readerHosts.forEach((subtask, host) -> {
                if (sameHost(host, s.brick().host())) {
                    local.add(subtask);
                }
            });
            List<Integer> candidates = local.isEmpty() ? new ArrayList<>(readerHosts.keySet()) : local;
            int chosen = candidates.stream()
                    .min(Comparator.comparingInt((Integer t) -> load.getOrDefault(t, 0)).thenComparingInt(t -> t))
                    .orElseThrow();
            load.merge(chosen, 1, Integer::sum);
            out.computeIfAbsent(chosen, k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    /** Host names match ignoring case and domain suffixes ({@code node1} = {@code node1.example.org}). */
    static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        return x.equals(y) || x.startsWith(y + ".") || y.startsWith(x + ".");
    }
}
