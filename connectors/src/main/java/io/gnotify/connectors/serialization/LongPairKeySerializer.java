package io.gnotify.connectors.serialization;

import java.io.IOException;
import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.java.typeutils.runtime.TupleSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the serializers for keys made of two longs (a gfid, an operation's content identity). They write the
 * same 16 bytes as Flink's serializer of a {@code Tuple2<Long, Long>}, which these keys replace, and their
 * snapshots accept that serializer's, so state keyed by the tuple restores under the key class unchanged.
 */
public abstract class LongPairKeySerializer<T> extends ImmutableSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The key of {@code (high, low)}. */
    protected abstract T make(long high, long low);

    protected abstract long high(T key);

    protected abstract long low(T key);

    @Override
    public final int getLength() {
        return 2 * Long.BYTES;
    }

    @Override
    public final void serialize(T key, DataOutputView out) throws IOException {
        out.writeLong(high(key));
        out.writeLong(low(key));
    }

    @Override
    public final T deserialize(DataInputView in) throws IOException {
        long high = in.readLong();
        return make(high, in.readLong());
    }

    /** Snapshot of a two-long key serializer: compatible with itself and with a {@code Tuple2<Long, Long>}'s. */
    public abstract static class Snapshot<T> extends SimpleTypeSerializerSnapshot<T> {
        protected Snapshot(Supplier<? extends TypeSerializer<T>> serializer) {
            super(serializer);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            return isLongPairTuple(old) ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : super.resolveSchemaCompatibility(old);
        }

        /** True for the snapshot of Flink's serializer of a {@code Tuple2<Long, Long>}. */
        static boolean isLongPairTuple(TypeSerializerSnapshot<?> old) {
            if (!(old instanceof TupleSerializerSnapshot<?> tuple)) {
                return false;
            }
            TypeSerializerSnapshot<?>[] fields = tuple.getNestedSerializerSnapshots();
            return fields.length == 2 && fields[0] instanceof LongSerializer.LongSerializerSnapshot
                    && fields[1] instanceof LongSerializer.LongSerializerSnapshot;
        }
    }
}
