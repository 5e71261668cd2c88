package io.gnotify.job.analytics;

import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestWindow;
import java.util.List;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * What the manifest stage hands to the analytics at each window close, on two side outputs: the window's
 * statistics, and its directory counts (pre-combined per directory, for the partitioned ranking).
 */
public final class WindowAnalyticsTap {
    /** The window's statistics, as the analytics file without its busiest directories. */
    public static final OutputTag<WindowFileLine> STATS = new OutputTag<>("window-stats",
            io.gnotify.connectors.sink.WindowFileLineSerializer.TYPE);
    /** Every directory's change count of the window, per depth. */
    public static final OutputTag<DirectoryCount> DIRECTORIES = new OutputTag<>("directory-counts", DirectoryTopOperator.TYPE);

    private WindowAnalyticsTap() {}

    /** Emits the statistics and directory counts of window {@code w}, whose files commit at {@code commitAt}. */
    public static void emit(Output<?> output, AnalyticsSettings settings, ManifestWindow w, long commitAt,
            WindowStatsCollector counts, List<ManifestEntry> entries) {
        DirectoryRollup rollup = new DirectoryRollup(entries, settings.depths());
        byte[] stats = WindowStats.render(w, counts, entries, rollup, settings.top(), System.currentTimeMillis());
        String file = w.volume() + "/" + WindowStats.DIRECTORY + "/" + WindowGrid.name(w.windowStart(), w.windowEnd()) + ".json";
        output.collect(STATS, new StreamRecord<>(new WindowFileLine(commitAt, file, stats)));
        rollup.forEachDirectory(commitAt, c -> output.collect(DIRECTORIES, new StreamRecord<>(c)));
    }
}
