package io.gnotify.job.manifest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A write-back cache over a {@link NamespaceStore} for one window: every inode and directory entry the window
 * reads comes from the store once, and every one it changes goes back once, at {@link #flush()}. With the
 * store in RocksDB this turns several state accesses per event (and per path lookup) into one per key.
 */
final class CachedNamespaceStore implements NamespaceStore {
    private final NamespaceStore store;
    private final Map<GfidKey, Inode> inodes = new HashMap<>();
    private final Map<Link, GfidKey> entries = new HashMap<>();
    private final Set<GfidKey> dirtyInodes = new HashSet<>();
    private final Set<Link> dirtyEntries = new HashSet<>();

    CachedNamespaceStore(NamespaceStore store) {
        this.store = store;
    }

    @Override
    public Inode inode(GfidKey gfid) {
        if (inodes.containsKey(gfid)) {
            return inodes.get(gfid);
        }
        Inode i = store.inode(gfid);
        inodes.put(gfid, i);
        return i;
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        inodes.put(gfid, inode == null || inode.links().isEmpty() ? null : inode);
        dirtyInodes.add(gfid);
    }

    @Override
    public GfidKey entry(Link link) {
        if (entries.containsKey(link)) {
            return entries.get(link);
        }
        GfidKey g = store.entry(link);
        entries.put(link, g);
        return g;
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        entries.put(link, gfid);
        dirtyEntries.add(link);
    }

    /** Writes every changed inode and entry to the store. */
    void flush() {
        for (GfidKey g : dirtyInodes) {
            store.put(g, inodes.get(g));
        }
        for (Link l : dirtyEntries) {
            store.entry(l, entries.get(l));
        }
        dirtyInodes.clear();
        dirtyEntries.clear();
    }
}
