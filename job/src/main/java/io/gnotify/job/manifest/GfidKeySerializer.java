package io.gnotify.job.manifest;

import io.gnotify.connectors.serialization.LongPairKeySerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/** The manifest stage's key serializer: a {@link GfidKey} as the two longs its {@code Tuple2} form wrote. */
public final class GfidKeySerializer extends LongPairKeySerializer<GfidKey> {
    private static final long serialVersionUID = 1L;
    public static final GfidKeySerializer INSTANCE = new GfidKeySerializer();
    /** The key type of the manifest stage's keyed state. */
    public static final SerializerTypeInfo<GfidKey> TYPE = SerializerTypeInfo.key(GfidKey.class, INSTANCE);

    @Override
    protected GfidKey make(long high, long low) {
        return new GfidKey(high, low);
    }

    @Override
    protected long high(GfidKey key) {
        return key.msb();
    }

    @Override
    protected long low(GfidKey key) {
        return key.lsb();
    }

    @Override
    public TypeSerializerSnapshot<GfidKey> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for state compatibility checks. */
    public static final class Snapshot extends LongPairKeySerializer.Snapshot<GfidKey> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
