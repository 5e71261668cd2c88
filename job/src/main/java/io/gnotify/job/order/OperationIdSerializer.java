package io.gnotify.job.order;

import io.gnotify.connectors.serialization.LongPairKeySerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** The dedup's key serializer: an {@link OperationId} as the two longs its {@code Tuple2} form wrote. */
public final class OperationIdSerializer extends LongPairKeySerializer<OperationId> {
    private static final long serialVersionUID = 1L;
    public static final OperationIdSerializer INSTANCE = new OperationIdSerializer();
    /** The key type to give {@code keyBy}. */
    public static final SerializerTypeInfo<OperationId> TYPE = SerializerTypeInfo.key(OperationId.class, INSTANCE);

    @Override
    protected OperationId make(long high, long low) {
        return new OperationId(high, low);
    }

    @Override
    protected long high(OperationId key) {
        return key.hi();
    }

    @Override
    protected long low(OperationId key) {
        return key.lo();
    }

    @Override
    public TypeSerializerSnapshot<OperationId> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for state compatibility checks. */
    public static final class Snapshot extends LongPairKeySerializer.Snapshot<OperationId> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
