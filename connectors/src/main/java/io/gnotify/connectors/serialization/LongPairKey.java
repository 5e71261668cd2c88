package io.gnotify.connectors.serialization;

/** A key made of two longs (a gfid, an operation's content identity), serialized by {@link LongPairKeySerializer}. */
public interface LongPairKey {
    long high();

    long low();

    /** The hash of a {@code Tuple2<Long, Long>} of the two halves, which such keys replaced: it decides key groups. */
    static int hash(long high, long low) {
        return 31 * Long.hashCode(high) + Long.hashCode(low);
    }
}
