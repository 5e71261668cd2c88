package io.gnotify.connectors.source;

import io.gnotify.connectors.source.enumerator.BrickEnumeratorState;
import io.gnotify.connectors.source.enumerator.BrickEnumeratorStateSerializer;
import io.gnotify.connectors.source.enumerator.BrickJournalEnumerator;
import io.gnotify.connectors.source.reader.BrickJournalSourceReader;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.source.split.BrickSplitSerializer;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * FLIP-27 source of a GlusterFS volume's brick journals: one split per brick, records in each brick's
 * journal order, a checkpointed cursor (journal + byte offset) per brick, and per-brick watermarks from
 * every rollover. Build it with {@link #builder()}.
 */
public final class BrickJournalSource
        implements Source<BrickRecord, BrickSplit, BrickEnumeratorState>, ResultTypeQueryable<BrickRecord> {
    private static final long serialVersionUID = 1L;

    private final VolumeInfo volume;
    private final BrickMap brickMap;
    private final StartPosition start;
    private final boolean bounded;
    private final Configuration options;

    BrickJournalSource(VolumeInfo volume, BrickMap brickMap, StartPosition start, boolean bounded, Configuration options) {
        this.volume = volume;
        this.brickMap = brickMap;
        this.start = start;
        this.bounded = bounded;
        this.options = options;
    }

    public static BrickJournalSourceBuilder builder() {
        return new BrickJournalSourceBuilder();
    }

    /** The source's options, as built (read-only). */
    public ReadableConfig options() {
        return new Configuration(options);
    }

    public VolumeInfo volume() {
        return volume;
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<BrickRecord, BrickSplit> createReader(SourceReaderContext context) {
        return BrickJournalSourceReader.create(options, context,
                options.get(BrickJournalSourceOptions.POLL_INTERVAL).toMillis(),
                options.get(BrickJournalSourceOptions.MAX_RECORDS_PER_FETCH),
                options.get(BrickJournalSourceOptions.PROGRESS_REPORT_INTERVAL).toMillis(), bounded);
    }

    @Override
    public SplitEnumerator<BrickSplit, BrickEnumeratorState> createEnumerator(SplitEnumeratorContext<BrickSplit> context) {
        List<BrickSplit> splits = new ArrayList<>();
        // A fresh start fixes the crawl time once; the enumerator's checkpointed splits keep it.
        StartPosition fresh = start.resolve(System.currentTimeMillis() / 1000);
        for (Brick b : volume.bricks()) {
            splits.add(new BrickSplit(b, brickMap.locate(b).toString(), fresh, bounded, null));
        }
        return enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<BrickSplit, BrickEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<BrickSplit> context, BrickEnumeratorState state) {
        return enumerator(context, state.unassigned());
    }

    private BrickJournalEnumerator enumerator(SplitEnumeratorContext<BrickSplit> context, List<BrickSplit> splits) {
        return new BrickJournalEnumerator(context, volume, splits, bounded,
                options.get(BrickJournalSourceOptions.BRICK_DOWN_TIMEOUT).toMillis(),
                options.getOptional(BrickJournalSourceOptions.SUBVOLUME_GAP_TIMEOUT).map(Duration::toMillis).orElse(-1L),
                options.get(BrickJournalSourceOptions.LIVENESS_CHECK_INTERVAL).toMillis());
    }

    @Override
    public SimpleVersionedSerializer<BrickSplit> getSplitSerializer() {
        return BrickSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<BrickEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new BrickEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<BrickRecord> getProducedType() {
        return BrickRecordSerializer.TYPE;
    }
}
