package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.NamespaceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The two-long keys ({@link OperationId} for the dedup, {@link GfidKey} for the manifest stage) replaced
 * {@code Tuple2<Long, Long>}: same bytes, same hash (so the same key groups), and state written under the tuple
 * restores under them on RocksDB.
 */
class OperationIdKeyTest {
    private static final TypeSerializer<Tuple2<Long, Long>> TUPLE = Types.<Tuple2<Long, Long>>TUPLE(Types.LONG, Types.LONG)
            .createSerializer(new ExecutionConfig().getSerializerConfig());
    private static final TypeSerializer<OperationId> IDS = OperationKey.TYPE.createSerializer(null);
    private static final TypeSerializer<GfidKey> GFIDS = NamespaceKey.TYPE.createSerializer(null);

    @Test
    void writesTheTuplesBytesAndHashesAsTheTuple() throws Exception {
        Random rnd = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long hi = rnd.nextLong();
            long lo = i % 10 == 0 ? i : rnd.nextLong();
            Tuple2<Long, Long> t = Tuple2.of(hi, lo);
            OperationId id = new OperationId(hi, lo);
            assertThat(id.hashCode()).isEqualTo(t.hashCode());
            assertThat(new GfidKey(hi, lo).hashCode()).isEqualTo(t.hashCode());
            assertThat(KeyGroupRangeAssignment.assignToKeyGroup(id, 128))
                    .isEqualTo(KeyGroupRangeAssignment.assignToKeyGroup(t, 128));
            byte[] bytes = bytes(IDS, id);
            assertThat(bytes).isEqualTo(bytes(TUPLE, t)).isEqualTo(bytes(GFIDS, new GfidKey(hi, lo)));
            assertThat(IDS.deserialize(new DataInputDeserializer(bytes))).isEqualTo(id);
            assertThat(GFIDS.deserialize(new DataInputDeserializer(bytes))).isEqualTo(new GfidKey(hi, lo));
        }
        assertThat(IDS.getLength()).isEqualTo(TUPLE.getLength()).isEqualTo(16);
    }

    @Test
    void snapshotsAcceptTheTupleOfTwoLongsAndNothingElse() throws Exception {
        TypeSerializerSnapshot<OperationId> mine = reread(IDS.snapshotConfiguration());
        assertThat(mine.resolveSchemaCompatibility(mine).isCompatibleAsIs()).isTrue();
        assertThat(mine.restoreSerializer()).isEqualTo(IDS).isNotEqualTo(GFIDS);
        assertThat(mine.resolveSchemaCompatibility(cast(reread(TUPLE.snapshotConfiguration()))).isCompatibleAsIs()).isTrue();
        TypeSerializer<Tuple2<Long, String>> other = Types.<Tuple2<Long, String>>TUPLE(Types.LONG, Types.STRING)
                .createSerializer(new ExecutionConfig().getSerializerConfig());
        assertThat(mine.resolveSchemaCompatibility(cast(other.snapshotConfiguration())).isIncompatible()).isTrue();
        assertThat(mine.resolveSchemaCompatibility(cast(Types.LONG.createSerializer(
                new ExecutionConfig().getSerializerConfig()).snapshotConfiguration())).isIncompatible()).isTrue();
        // The two key classes do not stand in for each other.
        assertThat(mine.resolveSchemaCompatibility(cast(GFIDS.snapshotConfiguration())).isIncompatible())
                .isTrue();
    }

    @Test
    void rocksDbStateKeyedByTheTupleRestoresUnderOperationId() throws Exception {
        restoresUnder(OperationKey.TYPE, t -> new OperationId(t.f0, t.f1), 8, () -> new EmbeddedRocksDBStateBackend(true));
    }

    @Test
    void rocksDbStateKeyedByTheTupleRestoresUnderGfidKey() throws Exception {
        restoresUnder(NamespaceKey.TYPE, t -> new GfidKey(t.f0, t.f1), 1, () -> new EmbeddedRocksDBStateBackend(true));
    }

    @Test
    void heapStateKeyedByTheTupleRestoresUnderOperationId() throws Exception {
        restoresUnder(OperationKey.TYPE, t -> new OperationId(t.f0, t.f1), 8, HashMapStateBackend::new);
    }

    /** Writes a value per key under the tuple key, snapshots, restores under {@code type} and reads every value back. */
    private static <K> void restoresUnder(TypeInformation<K> type, ToKey<K> convert,
            int maxParallelism, Supplier<StateBackend> backend) throws Exception {
        Random rnd = new Random(11);
        List<Tuple2<Long, Long>> keys = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            keys.add(Tuple2.of(rnd.nextLong(), rnd.nextLong()));
        }
        OperatorSubtaskState snapshot;
        KeySelector<long[], Tuple2<Long, Long>> byTuple = v -> Tuple2.of(v[0], v[1]);
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(new ValueKeeper<Tuple2<Long, Long>>(), byTuple,
                Types.TUPLE(Types.LONG, Types.LONG), maxParallelism, 1, 0)) {
            h.setStateBackend(backend.get());
            h.open();
            for (int i = 0; i < keys.size(); i++) {
                h.processElement(new long[] {keys.get(i).f0, keys.get(i).f1, i}, 0);
            }
            snapshot = h.snapshot(1, 1);
        }
        ValueKeeper<K> restored = new ValueKeeper<>();
        KeySelector<long[], K> byKey = v -> convert.apply(Tuple2.of(v[0], v[1]));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(restored, byKey, type, maxParallelism, 1, 0)) {
            h.setStateBackend(backend.get());
            h.initializeState(snapshot);
            h.open();
            for (int i = 0; i < keys.size(); i++) {
                assertThat(restored.valueOf(convert.apply(keys.get(i)))).as("key %d", i).isEqualTo(i);
            }
            assertThat(restored.keys()).hasSize(keys.size()).allSatisfy(k -> assertThat(k).isInstanceOf(type.getTypeClass()));
        }
    }

    /** The new key of a tuple key; serializable, as the key selector that uses it must be. */
    interface ToKey<K> extends Function<Tuple2<Long, Long>, K>, java.io.Serializable {}

    /** Keeps the last value (the third long of each element) per key. */
    static final class ValueKeeper<K> extends AbstractStreamOperator<Void> implements OneInputStreamOperator<long[], Void> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<Long> value;

        @Override
        public void open() throws Exception {
            super.open();
            value = getRuntimeContext().getState(new ValueStateDescriptor<>("value", Types.LONG));
        }

        @Override
        public void processElement(StreamRecord<long[]> element) throws Exception {
            value.update(element.getValue()[2]);
        }

        Long valueOf(K key) throws Exception {
            setCurrentKey(key);
            return value.value();
        }

        List<Object> keys() {
            try (var s = getKeyedStateBackend().getKeys("value", VoidNamespace.INSTANCE)) {
                return s.toList();
            }
        }
    }

    private static <T> byte[] bytes(TypeSerializer<T> s, T value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(16);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    /** The snapshot written and read back, as a restore reads it. */
    private static <T> TypeSerializerSnapshot<T> reread(TypeSerializerSnapshot<T> s) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(out, s);
        return TypeSerializerSnapshot.readVersionedSnapshot(new DataInputDeserializer(out.getCopyOfBuffer()),
                OperationIdKeyTest.class.getClassLoader());
    }

    @SuppressWarnings("unchecked")
    private static <T> TypeSerializerSnapshot<T> cast(TypeSerializerSnapshot<?> s) {
        return (TypeSerializerSnapshot<T>) s;
    }
}
