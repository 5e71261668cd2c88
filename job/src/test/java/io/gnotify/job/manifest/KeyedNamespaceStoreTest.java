package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.job.FixtureVolumes;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The keyed-state namespace (on RocksDB) ends in exactly the state of the in-memory one, on a real volume. */
class KeyedNamespaceStoreTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Applies events to a {@link KeyedNamespaceStore}, one window of 5 s at a time, like the manifest stage will. */
    static final class Applier extends AbstractStreamOperator<Void> implements OneInputStreamOperator<VolumeEvent, Void> {
        private static final long serialVersionUID = 1L;
        transient KeyedNamespaceStore store;
        transient WindowChanges changes;
        transient long window = Long.MIN_VALUE;

        @Override
        public void open() throws Exception {
            super.open();
            store = new KeyedNamespaceStore(getRuntimeContext(), k -> setCurrentKey(k));
        }

        @Override
        public void processElement(StreamRecord<VolumeEvent> element) {
            long w = Math.floorDiv(element.getValue().journalTs(), 5);
            if (w != window) {
                changes = new WindowChanges(store);
                window = w;
            }
            changes.apply(element.getValue());
        }

        /** The namespace, read back through the store for every gfid that has an inode. */
        Map<GfidKey, Inode> inodes() {
            Map<GfidKey, Inode> out = new HashMap<>();
            List<Object> keys;
            try (var s = getKeyedStateBackend().getKeys("inode", VoidNamespace.INSTANCE)) {
                keys = s.toList();
            }
            for (Object k : keys) {
                GfidKey g = (GfidKey) k;
                Inode i = store.inode(g);
                if (i != null) {
                    out.put(g, i);
                }
            }
            return out;
        }
    }

    @Test
    void sameNamespaceAsTheHeapStoreOnRocksDb(@TempDir Path tmp) throws Exception {
        List<VolumeEvent> events = FixtureVolumes.events("dr22-ascii", tmp, 2);
        HeapNamespaceStore heap = new HeapNamespaceStore();
        WindowChanges heapChanges = new WindowChanges(heap);
        events.forEach(heapChanges::apply);

        Applier applier = new Applier();
        var h = new KeyedOneInputStreamOperatorTestHarness<>(applier, new NamespaceKey(),
                NamespaceKey.TYPE, 1, 1, 0);
        h.setStateBackend(new EmbeddedRocksDBStateBackend());
        h.open();
        for (VolumeEvent e : events) {
            h.processElement(e, e.journalTs() * 1000);
        }
        Map<GfidKey, Inode> keyed = applier.inodes();
        h.close();

        assertThat(keyed).hasSize(heap.size()).isEqualTo(heap.inodes());
        assertThat(NamespaceSnapshot.of(heap)).hasSizeGreaterThan(2000);
    }
}
