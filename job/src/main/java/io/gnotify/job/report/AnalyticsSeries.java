package io.gnotify.job.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.job.analytics.WindowStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A volume's analytics files, oldest window first, turned into the series the report draws. */
final class AnalyticsSeries {
    static final String[] ENTRY_OPS = {"NEW", "MODIFY", "META", "RENAME", "DELETE"};
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> windows = new ArrayList<>();

    /** Reads every {@code <start>-<end>.json} under {@code <volume dir>/analytics}. */
    static AnalyticsSeries read(Path volumeDir) throws IOException {
        AnalyticsSeries s = new AnalyticsSeries();
        Path dir = volumeDir.resolve(WindowStats.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return s;
        }
        List<Path> files;
        try (Stream<Path> l = Files.list(dir)) {
            files = l.filter(p -> p.getFileName().toString().matches("\\d{10}-\\d{10}\\.json")).sorted().toList();
        }
        for (Path f : files) {
            s.windows.add(JSON.readTree(f.toFile()));
        }
        return s;
    }

    /** Window labels, {@code start-end} in UTC ("full" for a bootstrap manifest). */
    List<String> labels() {
        List<String> out = new ArrayList<>();
        for (JsonNode w : windows) {
            out.add(w.path("full").asBoolean() ? "full (bootstrap)" : java.time.Instant.ofEpochSecond(
                    w.path("window_start").asLong()) + " +" + (w.path("window_end").asLong() - w.path("window_start").asLong()) + "s");
        }
        return out;
    }

    /** Manifest entries per window by op. */
    Map<String, long[]> entriesByOp() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String op : ENTRY_OPS) {
            long[] v = new long[windows.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = windows.get(i).path("manifest").path(op).asLong();
            }
            out.put(op, v);
        }
        return out;
    }

    /** Net growth (NEW minus DELETE) summed from the first window on. */
    double[] cumulativeGrowth() {
        double[] out = new double[windows.size()];
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            sum += windows.get(i).path("manifest").path("net_growth").asLong();
            out[i] = sum;
        }
        return out;
    }

    /** Seconds between each window's end and its close (wall clock). */
    double[] lagSeconds() {
        double[] out = new double[windows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = windows.get(i).path("pipeline").path("lag_seconds").asDouble();
        }
        return out;
    }

    /**
     * Changes per directory at {@code depth}, summed over the windows' busiest lists, busiest first, at most
     * {@code top}. A directory outside a window's list does not count for that window, so these are lower bounds.
     */
    List<Map.Entry<String, Long>> busiest(int depth, int top) {
        Map<String, Long> sums = new TreeMap<>();
        for (JsonNode w : windows) {
            for (JsonNode d : w.path("top_directories").path(String.valueOf(depth))) {
                String dir = d.has("dir") ? d.path("dir").asText() : "(base64) " + d.path("dir_b64").asText();
                sums.merge(dir.isEmpty() ? "/" : dir, d.path("changes").asLong(), Long::sum);
            }
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>(sums.entrySet());
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return out.subList(0, Math.min(top, out.size()));
    }

    /** Operations by fop over all windows. */
    Map<String, Long> operationsByFop() {
        Map<String, Long> out = new TreeMap<>();
        windows.forEach(w -> w.path("by_op").fields().forEachRemaining(e -> out.merge(e.getKey(), e.getValue().asLong(), Long::sum)));
        return out;
    }

    long total(String field) {
        long sum = 0;
        for (JsonNode w : windows) {
            sum += w.path(field).asLong();
        }
        return sum;
    }
}
