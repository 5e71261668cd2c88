package io.gnotify.job.order;

import io.gnotify.connectors.serialization.LongPairKey;
import io.gnotify.connectors.source.BrickRecord;

/**
 * A copy's content identity as the dedup's key: the two halves of its hash, inline, in one object. Its hashCode
 * is that of the {@code Tuple2<Long, Long>} it replaced, so key groups, and with them restored state, are unchanged.
 */
public record OperationId(long high, long low) implements LongPairKey {
    /** The identity of {@code r}. */
    public static OperationId of(BrickRecord r) {
        return new OperationId(r.identityHi(), r.identityLo());
    }

    // Written out, as GfidKey's: the generated record methods go through method handles.
    @Override
    public boolean equals(Object o) {
        return o instanceof OperationId k && k.high == high && k.low == low;
    }

    @Override
    public int hashCode() {
        return LongPairKey.hash(high, low);
    }

    @Override
    public String toString() {
        return Long.toHexString(high) + ":" + Long.toHexString(low);
    }
}
