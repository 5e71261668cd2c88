package io.gnotify.job.manifest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded heap cache in front of the namespace store that outlives windows: the inodes and directory entries
 * read or written lately (absent ones too), least recently used dropped first, so that the next windows' reads
 * of what the last ones touched skip RocksDB. Every write to the store goes through it, so it never differs
 * from the store; it is not checkpointed and starts empty.
 */
final class RecentNamespaceCache implements NamespaceStore {
    /** Stands for "the store holds nothing under this key". */
    private static final Object ABSENT = new Object();

    private final NamespaceStore store;
    private final Map<GfidKey, Object> inodes;
    private final Map<Link, Object> entries;

    /** {@code capacity}: how many inodes, and how many entries, are kept at most. */
    RecentNamespaceCache(NamespaceStore store, int capacity) {
        this.store = store;
        this.inodes = lru(capacity);
        this.entries = lru(capacity);
    }

    private static <K> Map<K, Object> lru(int capacity) {
        return new LinkedHashMap<>(Math.max(16, capacity / 2), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Inode inode(GfidKey gfid) {
        Object v = inodes.get(gfid);
        if (v == null) {
            Inode read = store.inode(gfid);
            inodes.put(gfid, read == null ? ABSENT : read);
            return read;
        }
        return v == ABSENT ? null : (Inode) v;
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        store.put(gfid, inode);
        inodes.put(gfid, inode == null || inode.links().isEmpty() ? ABSENT : inode);
    }

    @Override
    public GfidKey entry(Link link) {
        Object v = entries.get(link);
        if (v == null) {
            GfidKey read = store.entry(link);
            entries.put(link, read == null ? ABSENT : read);
            return read;
        }
        return v == ABSENT ? null : (GfidKey) v;
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        store.entry(link, gfid);
        entries.put(link, gfid == null ? ABSENT : gfid);
    }
}
