package io.gnotify.connectors.source;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.JournalRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Helpers for source tests on a MiniCluster: expected sequences, a collecting sink, probes, fault injection. */
public final class SourceTestSupport {
    private SourceTestSupport() {}

    /**
     * A MiniCluster environment as the job runs: RocksDB with incremental checkpoints every 100 ms under
     * {@code checkpoints}, no Kryo, three fixed-delay restarts; {@code restoreFrom} a savepoint if not null.
     */
    public static StreamExecutionEnvironment rocksDbEnv(int parallelism, Path checkpoints, String restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(100);
        return env;
    }

    /**
     * Copies single-tiny's brick to {@code brick} and damages it: journal 1 gets a corrupted record (its 4th),
     * journal 2 a broken header, journal 3 is purged. Returns the records that must still arrive, in order.
     */
    public static List<JournalRecord> badSingleTinyBrick(Path brick) throws Exception {
        Fixtures.copyBrick("single-tiny", "b1", brick);
        List<Path> journals = Fixtures.journals("single-tiny", "b1");
        List<JournalRecord> expected = new ArrayList<>();
        for (int i = 0; i < journals.size(); i++) {
            List<JournalRecord> records = new ArrayList<>(Fixtures.readStrict(journals.get(i)));
            Path copy = Fixtures.copiedJournal("single-tiny", "b1", brick, i);
            if (i == 1) {
                byte[] bytes = java.nio.file.Files.readAllBytes(copy);
                bytes[(int) records.get(3).offset()] = 'X';
                java.nio.file.Files.write(copy, bytes);
                records.remove(3);
            } else if (i == 2) {
                byte[] bytes = java.nio.file.Files.readAllBytes(copy);
                bytes[0] = 'g';
                java.nio.file.Files.write(copy, bytes);
                records.clear();
            } else if (i == 3) {
                java.nio.file.Files.delete(copy);
                records.clear();
            }
            expected.addAll(records);
        }
        return expected;
    }

    /** A bounded source over single-tiny's volume with its brick directory under {@code bricks}. */
    public static BrickJournalSource boundedSingleTiny(Path bricks) throws Exception {
        io.gnotify.connectors.volume.VolumeInfo volume = io.gnotify.connectors.volume.VolumeInfo
                .parse(Fixtures.fixture("single-tiny").resolve("volume-info.xml"), null);
        return BrickJournalSource.builder().volume(volume)
                .brickMap(io.gnotify.connectors.volume.BrickMap.of(List.of("/srv/gl/tiny1=" + bricks))).bounded().build();
    }

    /** Event time from the journal; watermarks come from the source itself (one per rollover). */
    public static WatermarkStrategy<BrickRecord> watermarks() {
        return WatermarkStrategy.<BrickRecord>noWatermarks().withTimestampAssigner((r, ts) -> r.eventTimeMillis());
    }

    /** Per brick index, the records of its journals in order, read directly. */
    public static Map<Integer, List<JournalRecord>> expected(Map<Integer, List<Path>> journalsByBrick) throws Exception {
        Map<Integer, List<JournalRecord>> out = new HashMap<>();
        for (Map.Entry<Integer, List<Path>> e : journalsByBrick.entrySet()) {
            List<JournalRecord> all = new ArrayList<>();
            for (Path j : e.getValue()) {
                all.addAll(Fixtures.readStrict(j));
            }
            out.put(e.getKey(), all);
        }
        return out;
    }

    /** Per brick of a fixture, its records in order. */
    public static Map<Integer, List<JournalRecord>> expectedFixture(String fixture) throws Exception {
        Map<Integer, List<Path>> journals = new HashMap<>();
        List<String> bricks = Fixtures.bricks(fixture);
        for (int i = 0; i < bricks.size(); i++) {
            journals.put(i, Fixtures.journals(fixture, bricks.get(i)));
        }
        return expected(journals);
    }

    /**
     * Groups emitted records by brick, keeping arrival order, and checks each brick's (ts, offset) increase,
     * rollover markers included (a marker follows every record of its journal); the markers are left out.
     */
    public static Map<Integer, List<JournalRecord>> byBrick(Iterable<BrickRecord> records) {
        Map<Integer, List<JournalRecord>> out = new HashMap<>();
        Map<Integer, BrickRecord> last = new HashMap<>();
        for (BrickRecord r : records) {
            BrickRecord prev = last.put(r.brick(), r);
            if (prev != null && (r.journalTs() < prev.journalTs()
                    || (r.journalTs() == prev.journalTs() && r.offset() <= prev.offset()))) {
                throw new AssertionError("brick " + r.brick() + " out of order: " + prev + " then " + r);
            }
            if (!r.isRollover()) {
                out.computeIfAbsent(r.brick(), b -> new ArrayList<>()).add(r.record());
            }
        }
        return out;
    }

    /** Each brick's rollover markers in arrival order, as {@code "<ts> <KIND>"}. */
    public static Map<Integer, List<String>> markersByBrick(Iterable<BrickRecord> records) {
        Map<Integer, List<String>> out = new HashMap<>();
        for (BrickRecord r : records) {
            if (r.isRollover()) {
                out.computeIfAbsent(r.brick(), b -> new ArrayList<>()).add(r.journalTs() + " " + r.rollover());
            }
        }
        return out;
    }

    /** How many journal records (not markers) a collection holds. */
    public static long recordCount(java.util.Collection<BrickRecord> records) {
        return records.stream().filter(r -> !r.isRollover()).count();
    }

    /**
     * The rollover markers a fully read fixture brick must give: one per HTIME entry, in order, JOURNAL where
     * the journal file exists and EMPTY for a lower-case (empty window) entry.
     */
    public static List<String> expectedMarkers(Path brickDir) throws Exception {
        io.gnotify.connectors.journal.BrickChangelog changelog = io.gnotify.connectors.journal.BrickChangelog.of(brickDir);
        List<String> out = new ArrayList<>();
        for (Path htime : changelog.htimeFiles()) {
            byte[] bytes = java.nio.file.Files.readAllBytes(htime);
            for (io.gnotify.connectors.journal.HtimeIndex.Entry e : io.gnotify.connectors.journal.HtimeIndex.parse(bytes,
                    bytes.length, htime, io.gnotify.connectors.journal.ProblemListener.STRICT)) {
                out.add(e.timestamp() + (e.empty() ? " EMPTY" : " JOURNAL"));
            }
        }
        return out;
    }

    /** A sink that appends to a static queue per name (the MiniCluster runs in the test JVM). */
    public static final class CollectingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Queue<Object>> QUEUES = new ConcurrentHashMap<>();
        private final String name;

        public CollectingSink(String name) {
            this.name = name;
            QUEUES.put(name, new ConcurrentLinkedQueue<>());
        }

        @SuppressWarnings("unchecked")
        public static <T> Queue<T> queue(String name) {
            return (Queue<T>) (Queue<?>) QUEUES.get(name);
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            Queue<Object> q = QUEUES.get(name);
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    q.add(element);
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }

    /** Passes records through and publishes the highest watermark it has seen. */
    public static final class WatermarkProbe extends AbstractStreamOperator<BrickRecord>
            implements OneInputStreamOperator<BrickRecord, BrickRecord> {
        private static final long serialVersionUID = 1L;
        public static final AtomicLong WATERMARK = new AtomicLong(Long.MIN_VALUE);

        @Override
        public void processElement(StreamRecord<BrickRecord> element) {
            output.collect(element);
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            WATERMARK.accumulateAndGet(mark.getTimestamp(), Math::max);
            super.processWatermark(mark);
        }
    }

    /** Throws once, after at least two checkpoints completed, so recovery starts from a real checkpoint. */
    public static final class FailOnce implements MapFunction<BrickRecord, BrickRecord>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        public static final AtomicBoolean FAILED = new AtomicBoolean();
        public static final AtomicInteger COMPLETED = new AtomicInteger();
        private final int slowEvery;

        /** {@code slowEvery}: sleep 1 ms every that many records, so checkpoints happen during the read. */
        public FailOnce(int slowEvery) {
            this.slowEvery = slowEvery;
        }

        private long seen;

        @Override
        public BrickRecord map(BrickRecord r) throws Exception {
            if (++seen % slowEvery == 0) {
                Thread.sleep(1);
            }
            if (COMPLETED.get() >= 2 && FAILED.compareAndSet(false, true)) {
                throw new RuntimeException("injected failure after " + COMPLETED.get() + " checkpoints");
            }
            return r;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            COMPLETED.incrementAndGet();
        }
    }
}
