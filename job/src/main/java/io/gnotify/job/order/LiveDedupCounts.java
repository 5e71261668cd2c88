package io.gnotify.job.order;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;

/**
 * The counts of the keys that hold any, on the heap, written behind to keyed state: applying a key's copies
 * reads and changes the heap, and only keys still live when a checkpoint comes ({@link #flush}) are written to
 * the state, once each; a key that expires or completes before that never touches it. The state stays the
 * durable copy: a restore reads it back ({@link #restored}).
 */
final class LiveDedupCounts {
    /** One live key: its counts as applied, whether the state holds a version, whether that version is old. */
    private static final class Live {
        final OperationId key;
        long[] counts;
        boolean stored;
        boolean dirty;

        Live(OperationId key, long[] counts, boolean stored) {
            this.key = key;
            this.counts = counts;
            this.stored = stored;
        }
    }

    private final ValueState<long[]> state;
    private final Consumer<OperationId> setCurrentKey;
    private final Map<OperationId, Live> live = new HashMap<>();
    private final List<Live> dirty = new ArrayList<>();
    private long peak;

    /** {@code state}: the keyed counts; {@code setCurrentKey}: the owning operator's key switch. */
    LiveDedupCounts(ValueState<long[]> state, Consumer<OperationId> setCurrentKey) {
        this.state = state;
        this.setCurrentKey = setCurrentKey;
    }

    /** A key found in the state on restore, with its stored counts. */
    void restored(OperationId key, long[] counts) {
        live.put(key, new Live(key, counts, true));
        peak = Math.max(peak, live.size());
    }

    /** The key's counts (the caller may change them and must then {@link #put} them), or {@code null}. */
    long[] get(OperationId key) {
        Live l = live.get(key);
        return l == null ? null : l.counts;
    }

    /** The key holds {@code counts} now; returns true if it held none before. */
    boolean put(OperationId key, long[] counts) {
        Live l = live.get(key);
        boolean fresh = l == null;
        if (fresh) {
            l = new Live(key, counts, false);
            live.put(key, l);
            peak = Math.max(peak, live.size());
        }
        l.counts = counts;
        if (!l.dirty) {
            l.dirty = true;
            dirty.add(l);
        }
        return fresh;
    }

    /** The key holds no counts any more (its state, if written, is cleared now). */
    void remove(OperationId key) throws Exception {
        Live l = live.remove(key);
        if (l == null) {
            return;
        }
        l.dirty = false;
        if (l.stored) {
            setCurrentKey.accept(key);
            state.clear();
        }
    }

    /** Writes every live key changed since the last flush to the state (before each checkpoint). */
    void flush() throws Exception {
        for (Live l : dirty) {
            if (l.dirty) {
                setCurrentKey.accept(l.key);
                // A copy: a heap state backend keeps the object, and the heap one goes on changing.
                state.update(l.counts.clone());
                l.stored = true;
                l.dirty = false;
            }
        }
        dirty.clear();
    }

    int size() {
        return live.size();
    }

    /** The most keys live at once since the operator opened. */
    long peak() {
        return peak;
    }
}
