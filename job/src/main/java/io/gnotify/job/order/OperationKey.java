package io.gnotify.job.order;

import io.gnotify.connectors.serialization.LongPairKeySerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import io.gnotify.connectors.source.BrickRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;

/** Keys copies by their content identity, computed once by the source and carried in the record. */
public final class OperationKey implements KeySelector<BrickRecord, OperationId>, ResultTypeQueryable<OperationId> {
    private static final long serialVersionUID = 1L;
    /** The dedup's key type. */
    public static final SerializerTypeInfo<OperationId> TYPE = LongPairKeySerializer.keyType(OperationId.class);

    @Override
    public OperationId getKey(BrickRecord r) {
        return OperationId.of(r);
    }

    @Override
    public TypeInformation<OperationId> getProducedType() {
        return TYPE;
    }
}
