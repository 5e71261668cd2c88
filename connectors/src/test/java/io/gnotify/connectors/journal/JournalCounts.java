package io.gnotify.connectors.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-brick record counts in the shape of the fixtures' {@code meta/bN/stats.txt}. */
final class JournalCounts {
    private JournalCounts() {}

    /** Key "D", "E CREATE", "M SETATTR", ... to count, over the given journals. */
    static Map<String, Integer> count(List<JournalRecord> records) {
        Map<String, Integer> counts = new TreeMap<>();
        for (JournalRecord r : records) {
            String key = r.fop() == null ? String.valueOf((char) r.type().code())
                    : (char) r.type().code() + " " + r.fop().name();
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    /** The counts table of a stats.txt file (its first line, the totals, is skipped). */
    static Map<String, Integer> parseStats(Path stats) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        List<String> lines = Files.readAllLines(stats);
        for (String line : lines.subList(1, lines.size())) {
            String t = line.trim();
            int sp = t.lastIndexOf(' ');
            counts.put(t.substring(0, sp).trim(), Integer.parseInt(t.substring(sp + 1)));
        }
        return counts;
    }
}
