package io.gnotify.connectors.source;

import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;

/** Typed options of the brick-journal source. */
public final class BrickJournalSourceOptions {
    private BrickJournalSourceOptions() {}

    public static final ConfigOption<Duration> POLL_INTERVAL = ConfigOptions.key("gnotify.source.poll-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("How often a caught-up brick's HTIME index is checked for new rollovers.");

    public static final ConfigOption<Duration> BRICK_DOWN_TIMEOUT = ConfigOptions.key("gnotify.source.brick-down-timeout")
            .durationType().defaultValue(Duration.ofSeconds(60))
            .withDescription("A brick with no new rollover for this long is reported DOWN; while a replica of it "
                    + "is up, it stops holding the volume watermark. Bricks roll over every "
                    + "changelog.rollover-time (15 s by default) even when idle.");

    public static final ConfigOption<Duration> SUBVOLUME_GAP_TIMEOUT = ConfigOptions
            .key("gnotify.source.subvolume-gap-timeout").durationType().noDefaultValue()
            .withDescription("When every brick of a subvolume is down, windows wait for it. Once it has been without "
                    + "a live brick for this long (after the brick down timeout), windows close without it and its "
                    + "bricks are marked 'gap' in the manifests until they roll over again; what such a brick "
                    + "journalled meanwhile arrives behind the volume watermark and is dropped and counted. Unset: "
                    + "wait for ever (the default).");

    public static final ConfigOption<Duration> LIVENESS_CHECK_INTERVAL = ConfigOptions
            .key("gnotify.source.liveness-check-interval").durationType().defaultValue(Duration.ofSeconds(2))
            .withDescription("How often the enumerator re-evaluates which bricks are down.");

    public static final ConfigOption<Integer> MAX_RECORDS_PER_FETCH = ConfigOptions
            .key("gnotify.source.max-records-per-fetch").intType().defaultValue(8192)
            .withDescription("Records taken from one brick per fetch before moving to the next brick.");

    public static final ConfigOption<Duration> PROGRESS_REPORT_INTERVAL = ConfigOptions
            .key("gnotify.source.progress-report-interval").durationType().defaultValue(Duration.ofMillis(500))
            .withDescription("Least time between two progress reports of one brick to the enumerator.");

    /**
     * Every option the source reads: these, and Flink's {@link SourceReaderOptions} (the element queue between the
     * fetcher thread and the task thread). {@link BrickJournalSourceBuilder#configure} takes them from a job's
     * configuration, so {@code -D gnotify.source.max-records-per-fetch=1024} reaches the source.
     */
    public static List<ConfigOption<?>> all() {
        return List.of(POLL_INTERVAL, BRICK_DOWN_TIMEOUT, SUBVOLUME_GAP_TIMEOUT, LIVENESS_CHECK_INTERVAL,
                MAX_RECORDS_PER_FETCH, PROGRESS_REPORT_INTERVAL, SourceReaderOptions.ELEMENT_QUEUE_CAPACITY);
    }
}
