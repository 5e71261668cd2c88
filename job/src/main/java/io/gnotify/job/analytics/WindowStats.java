package io.gnotify.job.analytics;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gnotify.connectors.event.RawBytesJson;
import io.gnotify.job.manifest.BrickWindowStatus;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestWindow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One window's statistics, rendered at its close from the counts of its operations
 * ({@link WindowStatsCollector}) and its manifest entries: operations by fop, created inodes by file type and
 * by uid/gid, manifest entries by op and the net growth,
 * renames across top-level directories, and per brick its status, how many operations it logged and how far
 * its journals lag the window's end. The busiest directories are added downstream ({@link AnalyticsFiles}).
 * Everything here is a function of the journals except {@code pipeline} (wall-clock time of the close).
 */
public final class WindowStats {
    /** The format name written in every analytics file. */
    public static final String FORMAT = "gnotify.analytics/1";
    /** The directory under {@code OUT/<volume>/} that holds the analytics files. */
    public static final String DIRECTORY = "analytics";
    private static final JsonFactory JSON = new JsonFactory();

    private WindowStats() {}

    /** Renders the statistics (without the busiest directories) as one JSON object. */
    public static byte[] render(ManifestWindow w, WindowStatsCollector c, List<ManifestEntry> entries,
            DirectoryRollup rollup, int top, long closedAtMillis) {
        Map<String, Long> byEntry = new TreeMap<>();
        ManifestEntry.countByOp(entries).forEach((op, n) -> byEntry.put(op.name(), (long) n));
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("volume", w.volume());
            g.writeNumberField("window_start", w.windowStart());
            g.writeNumberField("window_end", w.windowEnd());
            g.writeNumberField("seq", w.seq());
            g.writeBooleanField("full", w.full());
            g.writeNumberField("operations", c.operations);
            g.writeNumberField("copies_merged", c.merged);
            counts(g, "by_op", c.byOp);
            counts(g, "created_by_type", c.byType);
            counts(g, "created_by_uid", c.byUid);
            counts(g, "created_by_gid", c.byGid);
            g.writeObjectFieldStart("manifest");
            g.writeNumberField("entries", entries.size());
            for (Map.Entry<String, Long> n : byEntry.entrySet()) {
                g.writeNumberField(n.getKey(), n.getValue());
            }
            g.writeNumberField("net_growth", byEntry.get("NEW") - byEntry.get("DELETE"));
            g.writeNumberField("unresolved", entries.stream().filter(ManifestEntry::unresolved).count());
            g.writeEndObject();
            g.writeObjectFieldStart("renames_across_top_level");
            g.writeNumberField("count", rollup.crossTopRenames());
            g.writeArrayFieldStart("top");
            for (DirectoryRollup.RenamePair p : rollup.topRenamePairs(top)) {
                g.writeStartObject();
                RawBytesJson.write(g, "from", p.from());
                RawBytesJson.write(g, "to", p.to());
                g.writeNumberField("count", p.count());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeArrayFieldStart("bricks");
            for (int b = 0; b < w.bricks().size(); b++) {
                BrickWindowStatus s = w.bricks().get(b);
                g.writeStartObject();
                g.writeStringField("brick", s.brick());
                g.writeStringField("status", s.status());
                g.writeNumberField("operations_logged", b < c.logged.length ? c.logged[b] : 0);
                g.writeNumberField("last_journal", s.lastJournal());
                g.writeNumberField("journal_lag_seconds", s.lastJournal() == 0 ? -1 : Math.max(0, w.windowEnd() - s.lastJournal()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("pipeline");
            g.writeNumberField("closed_at_ms", closedAtMillis);
            g.writeNumberField("lag_seconds", w.full() ? 0 : Math.max(0, closedAtMillis / 1000.0 - w.windowEnd()));
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void counts(JsonGenerator g, String field, Map<?, Long> counts) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<?, Long> c : counts.entrySet()) {
            g.writeNumberField(String.valueOf(c.getKey()), c.getValue());
        }
        g.writeEndObject();
    }
}
