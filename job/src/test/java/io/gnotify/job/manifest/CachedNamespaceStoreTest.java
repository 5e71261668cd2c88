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
        RecordingStore recording = new RecordingStore();
        Link oldName = link("old");
        recording.store.put(OLD, new Inode(FileType.FILE, List.of(oldName)));
        recording.store.entry(oldName, OLD);
        recording.writes.clear();

        CachedNamespaceStore cache = new CachedNamespaceStore(recording.store, 4);
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
        assertThat(recording.writes).isEmpty();

        cache.flush();

        assertThat(recording.writes).containsExactlyInAnyOrder("inode " + OLD + " removed", "entry old removed");
        assertThat(recording.store.inode(TEMP)).isNull();
        assertThat(recording.store.inode(OLD)).isNull();
    }

    @Test
    void aNameMadeInTheWindowIsWrittenWhenItStays() {
        RecordingStore recording = new RecordingStore();
        CachedNamespaceStore cache = new CachedNamespaceStore(recording.store, 4);
        Link name = link("kept");
        assertThat(cache.entry(name)).isNull();
        cache.entry(name, TEMP);
        cache.entry(name, null);
        cache.entry(name, TEMP);
        cache.flush();
        assertThat(recording.writes).containsExactly("entry kept -> " + TEMP);
        assertThat(recording.store.entry(name)).isEqualTo(TEMP);
    }

    @Test
    void afterAFlushItKnowsWhatTheStoreHolds() {
        RecordingStore recording = new RecordingStore();
        CachedNamespaceStore cache = new CachedNamespaceStore(recording.store, 4);
        Link kept = link("kept");
        Link never = link("never");
        assertThat(cache.entry(never)).isNull();
        assertThat(cache.entry(kept)).isNull();
        cache.entry(kept, TEMP);
        cache.flush();
        assertThat(cache.changedInodes()).isEmpty();
        recording.writes.clear();

        // Now held by the store: its removal must be written. Never held: its removal must not.
        cache.entry(kept, null);
        cache.entry(never, TEMP);
        cache.entry(never, null);
        cache.put(OLD, new Inode(FileType.FILE, List.of(kept)));
        assertThat(cache.changedInodes()).containsExactly(OLD);
        cache.flush();

        assertThat(recording.writes).containsExactlyInAnyOrder("entry kept removed", "inode " + OLD + " -> "
                + new Inode(FileType.FILE, List.of(kept)));
        assertThat(recording.store.entry(kept)).isNull();
    }

    private static Link link(String name) {
        return new Link(DIR, name.getBytes(StandardCharsets.UTF_8));
    }

    /** A heap store that notes every write (every two-argument call: {@code put} and {@code entry(link, gfid)}). */
    private static final class RecordingStore {
        private final HeapNamespaceStore heap = new HeapNamespaceStore();
        final List<String> writes = new ArrayList<>();
        final NamespaceStore store = (NamespaceStore) java.lang.reflect.Proxy.newProxyInstance(
                NamespaceStore.class.getClassLoader(), new Class<?>[] {NamespaceStore.class}, (proxy, method, args) -> {
                    if (args.length == 2) {
                        Object key = args[0] instanceof Link l ? new String(l.name(), StandardCharsets.UTF_8) : args[0];
                        writes.add((args[0] instanceof Link ? "entry " : "inode ") + key
                                + (args[1] == null ? " removed" : " -> " + args[1]));
                    }
                    return method.invoke(heap, args);
                });
    }
}
