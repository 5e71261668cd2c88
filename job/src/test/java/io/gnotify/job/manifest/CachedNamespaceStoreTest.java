package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window cache writes back what changed, once per key, and nothing for what a window made and removed again. */
class CachedNamespaceStoreTest {
    private static final GfidKey DIR = new GfidKey(0, 7);
    private static final GfidKey OLD = new GfidKey(1, 1);
    private static final GfidKey TEMP = new GfidKey(2, 2);

    @Test
    void writesEachChangedKeyOnceAndSkipsWhatTheStoreNeverHeld() {
        RecordingStore store = new RecordingStore();
        Link oldName = link("old");
        store.put(OLD, new Inode(FileType.FILE, List.of(oldName)));
        store.entry(oldName, OLD);
        store.writes.clear();

        CachedNamespaceStore cache = new CachedNamespaceStore(store, 4);
        Link tempName = link("temp");
        // A temporary file made and removed in the window, and a pre-existing file removed twice over (rename, unlink).
        assertThat(cache.inode(TEMP)).isNull();
        assertThat(cache.entry(tempName)).isNull();
        cache.put(TEMP, new Inode(FileType.FILE, List.of(tempName)));
        cache.entry(tempName, TEMP);
        cache.put(TEMP, null);
        cache.entry(tempName, null);
        Inode old = cache.inode(OLD);
        cache.put(OLD, old.withoutLink(oldName).withLink(link("renamed")));
        cache.put(OLD, null);
        cache.entry(oldName, null);
        assertThat(store.writes).isEmpty();

        cache.flush();

        assertThat(store.writes).containsExactlyInAnyOrder("inode " + OLD + " removed", "entry old removed");
        assertThat(store.inode(TEMP)).isNull();
        assertThat(store.inode(OLD)).isNull();
    }

    @Test
    void aNameMadeInTheWindowIsWrittenWhenItStays() {
        RecordingStore store = new RecordingStore();
        CachedNamespaceStore cache = new CachedNamespaceStore(store, 4);
        Link name = link("kept");
        assertThat(cache.entry(name)).isNull();
        cache.entry(name, TEMP);
        cache.entry(name, null);
        cache.entry(name, TEMP);
        cache.flush();
        assertThat(store.writes).containsExactly("entry kept -> " + TEMP);
        assertThat(store.entry(name)).isEqualTo(TEMP);
    }

    private static Link link(String name) {
        return new Link(DIR, name.getBytes(StandardCharsets.UTF_8));
    }

    /** A heap store that notes every write. */
    private static final class RecordingStore implements NamespaceStore {
        private final HeapNamespaceStore heap = new HeapNamespaceStore();
        final List<String> writes = new ArrayList<>();

        @Override
        public Inode inode(GfidKey gfid) {
            return heap.inode(gfid);
        }

        @Override
        public void put(GfidKey gfid, Inode inode) {
            writes.add("inode " + gfid + (inode == null ? " removed" : " -> " + inode));
            heap.put(gfid, inode);
        }

        @Override
        public GfidKey entry(Link link) {
            return heap.entry(link);
        }

        @Override
        public void entry(Link link, GfidKey gfid) {
            writes.add("entry " + new String(link.name(), StandardCharsets.UTF_8) + (gfid == null ? " removed" : " -> " + gfid));
            heap.entry(link, gfid);
        }
    }
}
