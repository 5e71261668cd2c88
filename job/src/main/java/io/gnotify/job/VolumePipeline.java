package io.gnotify.job;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import io.gnotify.connectors.sink.WindowFileLine;
import io.gnotify.connectors.sink.WindowFileLineSerializer;
import io.gnotify.connectors.sink.WindowFileSink;
import io.gnotify.connectors.source.BrickJournalSource;
import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.job.analytics.AnalyticsFiles;
import io.gnotify.job.analytics.DirectoryCount;
import io.gnotify.job.analytics.DirectoryTopOperator;
import io.gnotify.job.analytics.WindowAnalyticsTap;
import io.gnotify.job.manifest.ManifestOptions;
import io.gnotify.job.manifest.ManifestWindowOperator;
import io.gnotify.job.manifest.NamespaceKey;
import io.gnotify.job.order.CopyExpectation;
import io.gnotify.job.order.EventSequencer;
import io.gnotify.job.order.EventWindowLines;
import io.gnotify.job.order.OperationDedupOperator;
import io.gnotify.job.order.OperationKey;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Wires the job: brick journals → keyed dedup → one ordered event stream → per-window manifests (and events),
 * and from the manifest stage the per-window analytics.
 */
public final class VolumePipeline {
    private VolumePipeline() {}

    /**
     * The brick-journal source for these settings, with the source options ({@code gnotify.source.*},
     * {@code source.reader.element.queue.capacity}) that the job's configuration sets; the settings' own poll
     * interval and brick down timeout (command-line options) come last and win.
     */
    public static BrickJournalSource source(JobSettings s, ReadableConfig jobConfig) {
        var b = BrickJournalSource.builder().configure(jobConfig).volume(s.volume()).brickMap(s.brickMap())
                .startPosition(s.start()).pollInterval(s.pollInterval()).brickDownTimeout(s.brickDownTimeout());
        if (s.subvolumeGapTimeout() != null) {
            b.subvolumeGapTimeout(s.subvolumeGapTimeout());
        }
        return (s.bounded() ? b.bounded() : b.continuous()).build();
    }

    /** Every operation once, in volume order, numbered from 1 (parallelism 1 from the sequencer on). */
    public static DataStream<VolumeEvent> orderedEvents(StreamExecutionEnvironment env, JobSettings s) {
        return orderedEvents(env, s, UnaryOperator.identity());
    }

    /** As {@link #orderedEvents(StreamExecutionEnvironment, JobSettings)}, with {@code tap} applied to the copies. */
    public static DataStream<VolumeEvent> orderedEvents(StreamExecutionEnvironment env, JobSettings s,
            UnaryOperator<DataStream<BrickRecord>> tap) {
        DataStream<BrickRecord> copies = tap.apply(env.fromSource(source(s, env.getConfiguration()), watermarks(s),
                "brick journals").uid("brick-journals"));
        // Every dedup subtask learns every brick's rollovers (to tell self-heal's copies from clients').
        DataStream<BrickRecord> markers = copies.filter(BrickRecord::isRollover).uid("rollover-markers")
                .name("rollover markers").broadcast();
        return copies.keyBy(new OperationKey(), OperationKey.TYPE).connect(markers)
                .transform("dedup operations", VolumeEventSerializer.TYPE, new OperationDedupOperator(
                        s.dedupHorizon().toMillis(), CopyExpectation.of(s.volume()), s.healGrace().toMillis()))
                .uid("dedup-operations")
                .transform("volume order", VolumeEventSerializer.TYPE, new EventSequencer()).uid("volume-order")
                .setParallelism(1).setMaxParallelism(1);
    }

    /**
     * Event time from the journals; the source itself emits each brick's watermark at every rollover. Bricks
     * are kept within {@code maxBrickDrift} of the slowest live one (split-level watermark alignment), so a
     * brick that reads ahead cannot pile up copies that wait for the volume watermark.
     */
    static WatermarkStrategy<BrickRecord> watermarks(JobSettings s) {
        return WatermarkStrategy.<BrickRecord>noWatermarks().withTimestampAssigner((r, ts) -> r.eventTimeMillis())
                .withWatermarkAlignment("gnotify-" + s.volume().name(), s.maxBrickDrift(), Duration.ofMillis(200));
    }

    /** The whole job. */
    public static void build(StreamExecutionEnvironment env, JobSettings s) {
        build(env, s, UnaryOperator.identity());
    }

    /** The whole job, with {@code tap} applied to the copies (tests inject faults there). */
    public static void build(StreamExecutionEnvironment env, JobSettings s, UnaryOperator<DataStream<BrickRecord>> tap) {
        Outputs o = outputs(env, s, tap);
        // One sink for manifests and events, as in earlier versions, so their checkpoints still restore (a sink
        // chained to the manifest stage would change its maximum parallelism; it measured no faster).
        DataStream<WindowFileLine> files = o.events() == null ? o.manifests() : o.manifests().union(o.events());
        files.sinkTo(new WindowFileSink(s.output())).uid("window-files").name("window files").setParallelism(1);
        o.analytics().sinkTo(new WindowFileSink(s.output())).uid("analytics-sink").name("analytics sink").setParallelism(1);
    }

    /** What the job writes: the manifests, the events if asked for ({@code null} if not), and the analytics files. */
    public record Outputs(DataStream<WindowFileLine> manifests, DataStream<WindowFileLine> events,
            DataStream<WindowFileLine> analytics) {}

    /** Everything the job writes, as lines of per-window files. */
    public static Outputs outputs(StreamExecutionEnvironment env, JobSettings s, UnaryOperator<DataStream<BrickRecord>> tap) {
        DataStream<VolumeEvent> events = orderedEvents(env, s, tap);
        SingleOutputStreamOperator<WindowFileLine> manifests = DataStreamUtils.reinterpretAsKeyedStream(events,
                        new NamespaceKey(), NamespaceKey.TYPE)
                .transform("manifests", WindowFileLineSerializer.TYPE, new ManifestWindowOperator(s.volume(), s.windows(),
                        s.start().kind() == StartPosition.Kind.CRAWL, s.nameOwners(), s.analytics(),
                        env.getConfiguration().get(ManifestOptions.NAMESPACE_CACHE_ENTRIES),
                        env.getConfiguration().get(ManifestOptions.UNPLACED_NAMES)))
                .uid("manifest-windows").setParallelism(1).setMaxParallelism(1)
                // Its own thread: the window close (diff, plan, render) then overlaps the ordering of the next window.
                .startNewChain();
        DataStream<WindowFileLine> eventFiles = !s.emitEvents() ? null
                : events.transform("event lines", WindowFileLineSerializer.TYPE,
                        new EventWindowLines(s.volume().name(), s.windows(), !s.bounded())).uid("event-lines").setParallelism(1);
        DataStream<DirectoryCount> ranked = manifests.getSideOutput(WindowAnalyticsTap.DIRECTORIES)
                .keyBy(DirectoryCount::key, Types.STRING)
                .transform("busiest directories", DirectoryTopOperator.TYPE, new DirectoryTopOperator(s.analytics().top()))
                .uid("directory-top");
        DataStream<WindowFileLine> analytics = manifests.getSideOutput(WindowAnalyticsTap.STATS).connect(ranked)
                .transform("analytics files", WindowFileLineSerializer.TYPE, new AnalyticsFiles(s.analytics()))
                .uid("analytics-files").setParallelism(1).setMaxParallelism(1);
        return new Outputs(manifests, eventFiles, analytics);
    }
}
