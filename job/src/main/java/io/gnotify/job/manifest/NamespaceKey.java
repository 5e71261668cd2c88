package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * One key for the whole ordered stream: the manifest stage is a single keyed subtask that switches its
 * current key to gfids itself, so its namespace lives in keyed state (RocksDB) rather than on the heap.
 */
public final class NamespaceKey implements KeySelector<VolumeEvent, Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Tuple2<Long, Long> getKey(VolumeEvent e) {
        return Tuple2.of(0L, 0L);
    }
}
