package io.gnotify.job.manifest;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A write-back cache over a {@link NamespaceStore} for one window: every inode and directory entry the window
 * reads comes from the store once, and every one it changes goes back once, at {@link #flush()}. With the
 * store in RocksDB this turns several state accesses per event (and per path lookup) into one per key.
 */
final class CachedNamespaceStore implements NamespaceStore {
    /** One cached key: its value as the window sees it, whether the store holds one, whether it changed. */
    private static final class Slot<K, V> {
        final K key;
        V value;
        boolean stored;
        boolean dirty;

        Slot(K key, V value, boolean stored) {
            this.key = key;
            this.value = value;
            this.stored = stored;
        }
    }

    /**
     * One cached kind of key: values read through once (absent ones too), changed ones written back on flush, except
     * those that the store did not hold and that are gone again (a name or inode made and removed in one window).
     * One map look-up per read or write; the changed keys are kept in the order they first changed.
     */
    private static final class WriteBack<K, V> {
        private final Map<K, Slot<K, V>> slots;
        private final List<Slot<K, V>> dirty;
        private final Function<K, V> read;
        private final BiConsumer<K, V> write;

        WriteBack(Function<K, V> read, BiConsumer<K, V> write, int expected) {
            this.read = read;
            this.write = write;
            this.slots = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
            this.dirty = new ArrayList<>(Math.max(16, expected));
        }

        int size() {
            return slots.size();
        }

        V get(K key) {
            Slot<K, V> s = slots.get(key);
            if (s != null) {
                return s.value;
            }
            V v = read.apply(key);
            slots.put(key, new Slot<>(key, v, v != null));
            return v;
        }

        void put(K key, V value) {
            // Written unread: whether the store holds the key is unknown, so it counts as held.
            Slot<K, V> s = slots.computeIfAbsent(key, k -> new Slot<>(k, null, true));
            s.value = value;
            if (!s.dirty) {
                s.dirty = true;
                dirty.add(s);
            }
        }

        List<K> changed() {
            return new AbstractList<>() {
                @Override
                public K get(int index) {
                    return dirty.get(index).key;
                }

                @Override
                public int size() {
                    return dirty.size();
                }
            };
        }

        void flush() {
            for (Slot<K, V> s : dirty) {
                // Deleting what the store never held would only leave a tombstone for RocksDB to skip and compact.
                if (s.value != null || s.stored) {
                    write.accept(s.key, s.value);
                }
                s.stored = s.value != null;
                s.dirty = false;
            }
            dirty.clear();
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
        inodes.put(gfid, Inode.linkedOrNull(inode));
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
        return inodes.changed();
    }

    /** Writes every changed inode and entry to the store. */
    void flush() {
        inodes.flush();
        entries.flush();
    }
}
