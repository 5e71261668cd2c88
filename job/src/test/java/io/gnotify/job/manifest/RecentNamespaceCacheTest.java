package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.b;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The cache across windows answers what the store would, and reads the store only for what it does not hold. */
class RecentNamespaceCacheTest {
    /** A store that counts its reads. */
    private static final class CountingStore implements NamespaceStore {
        final HeapNamespaceStore heap = new HeapNamespaceStore();
        int reads;

        @Override
        public Inode inode(GfidKey gfid) {
            reads++;
            return heap.inode(gfid);
        }

        @Override
        public void put(GfidKey gfid, Inode inode) {
            heap.put(gfid, inode);
        }

        @Override
        public GfidKey entry(Link link) {
            reads++;
            return heap.entry(link);
        }

        @Override
        public void entry(Link link, GfidKey gfid) {
            heap.entry(link, gfid);
        }
    }

    @Test
    void randomReadsAndWritesAgreeWithTheStoreThroughEvictions() {
        CountingStore store = new CountingStore();
        HeapNamespaceStore model = new HeapNamespaceStore();
        RecentNamespaceCache cache = new RecentNamespaceCache(store, 64);
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            GfidKey gfid = g(rnd.nextInt(500));
            Link link = new Link(g(1_000 + rnd.nextInt(5)), b("n" + rnd.nextInt(100)));
            switch (rnd.nextInt(6)) {
                case 0 -> {
                    Inode inode = rnd.nextBoolean() ? null : new Inode(FileType.FILE, List.of(link));
                    cache.put(gfid, inode);
                    model.put(gfid, inode);
                }
                case 1 -> {
                    GfidKey holder = rnd.nextBoolean() ? null : gfid;
                    cache.entry(link, holder);
                    model.entry(link, holder);
                }
                case 2, 3 -> assertThat(cache.inode(gfid)).as("inode %s at step %d", gfid, i).isEqualTo(model.inode(gfid));
                default -> assertThat(cache.entry(link)).as("entry %s at step %d", link, i).isEqualTo(model.entry(link));
            }
        }
        // With 500 inodes and 500 names over a capacity of 64 each, most reads missed and went to the store.
        assertThat(store.reads).isBetween(50_000, 130_000);
    }

    @Test
    void whatWasReadOrWrittenLatelyIsAnsweredWithoutTheStore() {
        CountingStore store = new CountingStore();
        RecentNamespaceCache cache = new RecentNamespaceCache(store, 2);
        Link n = new Link(GfidKey.ROOT, b("n"));
        cache.put(g(1), new Inode(FileType.FILE, List.of(n)));
        cache.entry(n, g(1));
        assertThat(cache.inode(g(1)).links()).containsExactly(n);
        assertThat(cache.entry(n)).isEqualTo(g(1));
        assertThat(cache.inode(g(2))).isNull();
        assertThat(cache.inode(g(2))).isNull();
        assertThat(store.reads).isEqualTo(1);
        // g(3) pushes out the least recently used, g(1): it is read from the store again, and still right.
        cache.inode(g(3));
        assertThat(cache.inode(g(1)).links()).containsExactly(n);
        assertThat(store.reads).isEqualTo(3);
        // Removing an inode or an entry is remembered as absent.
        cache.put(g(1), null);
        cache.entry(n, null);
        assertThat(cache.inode(g(1))).isNull();
        assertThat(cache.entry(n)).isNull();
        assertThat(store.reads).isEqualTo(3);
        assertThat(store.heap.inode(g(1))).isNull();
    }
}
