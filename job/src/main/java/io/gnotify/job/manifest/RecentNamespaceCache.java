package io.gnotify.job.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

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
    private final Function<GfidKey, Inode> readInode;
    private final Function<Link, GfidKey> readEntry;

    /** {@code capacity}: how many inodes, and how many entries, are kept at most. */
    RecentNamespaceCache(NamespaceStore store, int capacity) {
        this.store = store;
        this.inodes = lru(capacity);
        this.entries = lru(capacity);
        this.readInode = store::inode;
        this.readEntry = store::entry;
    }

    private static <K> Map<K, Object> lru(int capacity) {
        return new LinkedHashMap<>(Math.max(16, capacity / 2), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached value of {@code key}, read from the store on a miss (an absent one remembered too). */
    @SuppressWarnings("unchecked")
    private static <K, V> V readThrough(Map<K, Object> cache, K key, Function<K, V> read) {
        Object v = cache.get(key);
        if (v == null) {
            V stored = read.apply(key);
            remember(cache, key, stored);
            return stored;
        }
        return v == ABSENT ? null : (V) v;
    }

    /** Notes {@code value} (null: nothing) as what the store now holds under {@code key}. */
    private static <K> void remember(Map<K, Object> cache, K key, Object value) {
        cache.put(key, value == null ? ABSENT : value);
    }

    @Override
    public Inode inode(GfidKey gfid) {
        return readThrough(inodes, gfid, readInode);
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        store.put(gfid, inode);
        remember(inodes, gfid, Inode.linkedOrNull(inode));
    }

    @Override
    public GfidKey entry(Link link) {
        return readThrough(entries, link, readEntry);
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        store.entry(link, gfid);
        remember(entries, link, gfid);
    }
}
