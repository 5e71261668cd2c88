package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.serialization.LongPairKeySerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

/**
 * One key for the whole ordered stream: the manifest stage is a single keyed subtask that switches its
 * current key to gfids itself, so its namespace lives in keyed state (RocksDB) rather than on the heap.
 */
public final class NamespaceKey implements KeySelector<VolumeEvent, GfidKey>, ResultTypeQueryable<GfidKey> {
    private static final long serialVersionUID = 1L;
    /** The manifest stage's key type: gfids. */
    public static final SerializerTypeInfo<GfidKey> TYPE = LongPairKeySerializer.keyType(GfidKey.class);
    private static final GfidKey STREAM = new GfidKey(0L, 0L);

    @Override
    public GfidKey getKey(VolumeEvent e) {
        return STREAM;
    }

    @Override
    public TypeInformation<GfidKey> getProducedType() {
        return TYPE;
    }
}
