package io.gnotify.job.order;

/**
 * Per-key dedup state packed in a {@code long[]} (a built-in Flink type, no Kryo): operations emitted so
 * far, the last journal time seen, then (brick, copies seen) pairs.
 */
final class DedupCounts {
    private static final int EMITTED = 0;
    private static final int LAST_TS = 1;
    private static final int PAIRS = 2;

    private long[] v;

    DedupCounts(long[] stored) {
        this.v = stored == null ? new long[] {0, Long.MIN_VALUE} : stored;
    }

    long emitted() {
        return v[EMITTED];
    }

    void emitted(long n) {
        v[EMITTED] = n;
    }

    long lastTs() {
        return v[LAST_TS];
    }

    void seen(long ts) {
        v[LAST_TS] = Math.max(v[LAST_TS], ts);
    }

    /** Counts one more copy from {@code brick}; returns that brick's occurrence number for it. */
    long increment(int brick) {
        for (int i = PAIRS; i < v.length; i += 2) {
            if (v[i] == brick) {
                return ++v[i + 1];
            }
        }
        long[] grown = java.util.Arrays.copyOf(v, v.length + 2);
        grown[v.length] = brick;
        grown[v.length + 1] = 1;
        v = grown;
        return 1;
    }

    /** Copies seen from {@code brick} (0 if none). */
    long count(int brick) {
        for (int i = PAIRS; i < v.length; i += 2) {
            if (v[i] == brick) {
                return v[i + 1];
            }
        }
        return 0;
    }

    long[] toArray() {
        return v;
    }
}
