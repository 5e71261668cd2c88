package io.gnotify.job.order;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Buckets by time (a journal second, an expiry), earliest first. Copies and keys come in long runs at a few
 * times at once (each brick at its own second), so the buckets of the last few times asked for are kept at
 * hand, one slot per time modulo {@link #SLOTS}: such a run costs no tree lookup (and no boxed key) per element.
 */
final class TimeBuckets<V> {
    /** Recent times kept at hand (a power of two); four bricks' seconds rarely share a slot. */
    private static final int SLOTS = 8;

    private final TreeMap<Long, V> byTime = new TreeMap<>();
    /** Makes the bucket of a time the tree does not hold (one function for every miss). */
    private final Function<Long, V> fresh;
    private final long[] times = new long[SLOTS];
    /** The bucket of {@code times[i]} while it is still in the tree ({@code null} otherwise). */
    private final Object[] buckets = new Object[SLOTS];

    TimeBuckets(Supplier<V> fresh) {
        this.fresh = t -> fresh.get();
    }

    /** The bucket of {@code time}, made empty if there was none. */
    @SuppressWarnings("unchecked")
    V at(long time) {
        int i = slot(time);
        if (buckets[i] == null || times[i] != time) {
            buckets[i] = byTime.computeIfAbsent(time, fresh);
            times[i] = time;
        }
        return (V) buckets[i];
    }

    /** Removes and returns the earliest bucket if its time is at most {@code upTo}; else {@code null}. */
    V pollUpTo(long upTo) {
        if (byTime.isEmpty() || byTime.firstKey() > upTo) {
            return null;
        }
        Map.Entry<Long, V> first = byTime.pollFirstEntry();
        int i = slot(first.getKey());
        if (buckets[i] == first.getValue()) {
            buckets[i] = null;
        }
        return first.getValue();
    }

    private static int slot(long time) {
        return (int) time & (SLOTS - 1);
    }

    /** True if a bucket's time is at most {@code upTo}. */
    boolean hasUpTo(long upTo) {
        return !byTime.isEmpty() && byTime.firstKey() <= upTo;
    }

    /** Every bucket, earliest first (a view). */
    Collection<V> values() {
        return byTime.values();
    }

    int size() {
        return byTime.size();
    }
}
