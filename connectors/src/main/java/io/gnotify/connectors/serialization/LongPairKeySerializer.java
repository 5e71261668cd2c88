package io.gnotify.connectors.serialization;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.util.InstantiationUtil;

/**
 * Serializer of a {@link LongPairKey} class (made from its {@code (long, long)} constructor). It writes the same 16
 * bytes as Flink's serializer of a {@code Tuple2<Long, Long>}, which these keys replace, and its snapshot accepts that
 * serializer's, so state keyed by the tuple restores under the key class unchanged.
 */
public final class LongPairKeySerializer<T extends LongPairKey> extends ImmutableSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    private transient MethodHandle make;

    private LongPairKeySerializer(Class<T> type) {
        this.type = type;
    }

    /** Key type information for {@code type} ({@code keyBy}, keyed state). */
    public static <T extends LongPairKey> SerializerTypeInfo<T> keyType(Class<T> type) {
        return SerializerTypeInfo.key(type, new LongPairKeySerializer<>(type));
    }

    @Override
    public int getLength() {
        return 2 * Long.BYTES;
    }

    @Override
    public void serialize(T key, DataOutputView out) throws IOException {
        out.writeLong(key.high());
        out.writeLong(key.low());
    }

    @Override
    public T deserialize(DataInputView in) throws IOException {
        long high = in.readLong();
        long low = in.readLong();
        try {
            if (make == null) {
                make = MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class, long.class, long.class));
            }
            return type.cast(make.invoke(high, low));
        } catch (Throwable e) {
            throw new IOException("cannot make a " + type.getName() + " from two longs", e);
        }
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof LongPairKeySerializer<?> s && s.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Snapshot naming the key class: compatible with the same class's and with a {@code Tuple2<Long, Long>}'s. */
    public static final class Snapshot<T extends LongPairKey> implements TypeSerializerSnapshot<T> {
        private static final int VERSION = 1;
        private Class<T> type;

        /** For restores, which read the key class with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader loader) throws IOException {
            if (version != VERSION) {
                throw new IOException("unknown two-long key serializer snapshot version " + version);
            }
            type = InstantiationUtil.resolveClassByName(in, loader);
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new LongPairKeySerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            boolean same = old instanceof Snapshot<?> s && s.type.equals(type);
            return same || isLongPairTuple(old) ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }

        /** True for the snapshot of Flink's serializer of a {@code Tuple2<Long, Long>}. */
        private static boolean isLongPairTuple(TypeSerializerSnapshot<?> old) {
            if (!(old instanceof TupleSerializerSnapshot<?> tuple)) {
                return false;
            }
            TypeSerializerSnapshot<?>[] fields = tuple.getNestedSerializerSnapshots();
            return fields.length == 2 && fields[0] instanceof LongSerializer.LongSerializerSnapshot
                    && fields[1] instanceof LongSerializer.LongSerializerSnapshot;
        }
    }
}
