package io.gnotify.job.manifest;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A write-back cache over a {@link NamespaceStore} for one window: every inode and directory entry the window
 * reads comes from the store once, and every one it changes goes back once, at {@link #flush()}. With the
 * store in RocksDB this turns several state accesses per event (and per path lookup) into one per key.
 */
final class CachedNamespaceStore implements NamespaceStore {
    /**
     * One cached kind of key: values read through once (absent ones too), changed ones written back on flush, except
     * those that the store did not hold and that are gone again (a name or inode made and removed in one window).
     */
    private static final class WriteBack<K, V> {
        private final Map<K, V> values;
        private final Set<K> dirty;
        /** Keys the store was asked for and did not hold. */
        private final Set<K> absent = new HashSet<>();
        private final Function<K, V> read;
        private final BiConsumer<K, V> write;

        WriteBack(Function<K, V> read, BiConsumer<K, V> write, int expected) {
            this.read = read;
            this.write = write;
            this.values = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
            this.dirty = new HashSet<>(Math.max(16, expected * 4 / 3 + 1));
        }

        int size() {
            return values.size();
        }

        V get(K key) {
            if (values.containsKey(key)) {
                return values.get(key);
            }
            V v = read.apply(key);
            values.put(key, v);
            if (v == null) {
                absent.add(key);
            }
            return v;
        }

        void put(K key, V value) {
            values.put(key, value);
            dirty.add(key);
        }

        void flush() {
            for (K k : dirty) {
                V v = values.get(k);
                // Deleting what the store never held would only leave a tombstone for RocksDB to skip and compact.
                if (v != null || !absent.contains(k)) {
                    write.accept(k, v);
                }
            }
            dirty.clear();
            absent.clear();
        }
    }

    private final WriteBack<GfidKey, Inode> inodes;
    private final WriteBack<Link, GfidKey> entries;

    /** {@code expected}: about how many keys of each kind the window will touch (the last window's {@link #size()}). */
    CachedNamespaceStore(NamespaceStore store, int expected) {
        this.inodes = new WriteBack<>(store::inode, store::put, expected);
        this.entries = new WriteBack<>(store::entry, store::entry, expected);
    }

    /** The most keys of one kind cached so far. */
    int size() {
        return Math.max(inodes.size(), entries.size());
    }

    @Override
    public Inode inode(GfidKey gfid) {
        return inodes.get(gfid);
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        inodes.put(gfid, inode == null || inode.links().isEmpty() ? null : inode);
    }

    @Override
    public GfidKey entry(Link link) {
        return entries.get(link);
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        entries.put(link, gfid);
    }

    /** The inodes the window changed so far (created, changed or removed), not yet written to the store. */
    Collection<GfidKey> changedInodes() {
        return Collections.unmodifiableSet(inodes.dirty);
    }

    /** Writes every changed inode and entry to the store. */
    void flush() {
        inodes.flush();
        entries.flush();
    }
}
