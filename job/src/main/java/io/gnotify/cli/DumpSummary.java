package io.gnotify.cli;

import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.JournalRef;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Counts gathered by {@code journal dump}: rollovers by kind, records by type and fop, problems. */
final class DumpSummary {
    final Map<String, Long> byKind = new TreeMap<>();
    long journals;
    long emptyWindows;
    long missing;
    long records;
    long bytes;
    long problems;
    long firstTs = -1;
    long lastTs = -1;

    void rollover(JournalRef ref) {
        if (firstTs < 0) {
            firstTs = ref.timestamp();
        }
        lastTs = ref.timestamp();
        switch (ref.kind()) {
            case JOURNAL -> journals++;
            case EMPTY -> emptyWindows++;
            case MISSING -> missing++;
        }
    }

    void record(JournalRecord r) {
        records++;
        String key = r.fop() == null ? String.valueOf((char) r.type().code()) : (char) r.type().code() + " " + r.fop();
        byKind.merge(key, 1L, Long::sum);
    }

    void print(Path dir, PrintWriter out) {
        out.printf("# %s%n", dir);
        out.printf("# rollovers %d..%d: journals=%d empty=%d missing=%d bytes=%d%n", firstTs, lastTs, journals,
                emptyWindows, missing, bytes);
        out.printf("# records=%d problems=%d%n", records, problems);
        byKind.forEach((k, v) -> out.printf("#   %-20s %d%n", k, v));
    }
}
