package io.gnotify.job.order;

import io.gnotify.connectors.source.BrickRecord;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/** Keys copies by their content identity, computed once by the source and carried in the record. */
public final class OperationKey implements KeySelector<BrickRecord, Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple2<Long, Long> getKey(BrickRecord r) {
        return Tuple2.of(r.identityHi(), r.identityLo());
    }
}
