package io.gnotify.connectors.source;

import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;

/** Builds a {@link BrickJournalSource}: the volume, where its bricks are, how to start, and options. */
public final class BrickJournalSourceBuilder {
    private VolumeInfo volume;
    private BrickMap brickMap = BrickMap.identity();
    private StartPosition start = StartPosition.earliest();
    private boolean bounded;
    private final Configuration options = new Configuration();

    BrickJournalSourceBuilder() {}

    /** The volume to read (from {@code gluster volume info --xml}). */
    public BrickJournalSourceBuilder volume(VolumeInfo v) {
        this.volume = v;
        return this;
    }

    /** Where the bricks are on the reading machines ({@code --brick-map}). */
    public BrickJournalSourceBuilder brickMap(BrickMap m) {
        this.brickMap = Objects.requireNonNull(m);
        return this;
    }

    /** Where a fresh start begins (ignored when restoring). Default: earliest. */
    public BrickJournalSourceBuilder startPosition(StartPosition p) {
        this.start = Objects.requireNonNull(p);
        return this;
    }

    /** Read the journals present when each brick is first opened, then finish. */
    public BrickJournalSourceBuilder bounded() {
        this.bounded = true;
        return this;
    }

    /** Follow every brick forever (the default). */
    public BrickJournalSourceBuilder continuous() {
        this.bounded = false;
        return this;
    }

    public BrickJournalSourceBuilder pollInterval(Duration d) {
        return set(BrickJournalSourceOptions.POLL_INTERVAL, d);
    }

    public BrickJournalSourceBuilder brickDownTimeout(Duration d) {
        return set(BrickJournalSourceOptions.BRICK_DOWN_TIMEOUT, d);
    }

    /** Publish windows past a subvolume with no live brick after this long, marking it as a gap. */
    public BrickJournalSourceBuilder subvolumeGapTimeout(Duration d) {
        return set(BrickJournalSourceOptions.SUBVOLUME_GAP_TIMEOUT, d);
    }

    public BrickJournalSourceBuilder livenessCheckInterval(Duration d) {
        return set(BrickJournalSourceOptions.LIVENESS_CHECK_INTERVAL, d);
    }

    /** Takes every source option ({@link BrickJournalSourceOptions#all()}) that {@code config} sets. */
    public BrickJournalSourceBuilder configure(ReadableConfig config) {
        for (ConfigOption<?> option : BrickJournalSourceOptions.all()) {
            copy(config, option);
        }
        return this;
    }

    private <T> void copy(ReadableConfig config, ConfigOption<T> option) {
        config.getOptional(option).ifPresent(value -> options.set(option, value));
    }

    /** Any source option, including {@link org.apache.flink.connector.base.source.reader.SourceReaderOptions}. */
    public <T> BrickJournalSourceBuilder set(ConfigOption<T> option, T value) {
        options.set(option, value);
        return this;
    }

    public BrickJournalSource build() {
        if (volume == null) {
            throw new IllegalStateException("the source needs a volume (volume-info XML)");
        }
        return new BrickJournalSource(volume, brickMap, start, bounded, new Configuration(options));
    }
}
