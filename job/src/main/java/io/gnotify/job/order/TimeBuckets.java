package io.gnotify.job.order;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Buckets by time (a journal second, an expiry), earliest first. Copies and keys come in long runs at one
 * time, so the bucket last asked for is kept at hand: a run at the same time costs one tree lookup, not one
 * per element.
 */
final class TimeBuckets<V> {
    private final TreeMap<Long, V> byTime = new TreeMap<>();
    private final Supplier<V> fresh;
    private long lastTime;
    /** The bucket of {@link #lastTime} while it is still in the tree ({@code null} otherwise). */
    private V last;

    TimeBuckets(Supplier<V> fresh) {
        this.fresh = fresh;
    }

    /** The bucket of {@code time}, made empty if there was none. */
    V at(long time) {
        if (last == null || time != lastTime) {
            last = byTime.computeIfAbsent(time, t -> fresh.get());
            lastTime = time;
        }
        return last;
    }

    /** Removes and returns the earliest bucket if its time is at most {@code upTo}; else {@code null}. */
    V pollUpTo(long upTo) {
        if (byTime.isEmpty() || byTime.firstKey() > upTo) {
            return null;
        }
        Map.Entry<Long, V> first = byTime.pollFirstEntry();
        if (first.getValue() == last) {
            last = null;
        }
        return first.getValue();
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
