package io.gnotify.job.manifest;

import java.util.HashMap;
import java.util.Map;

/** A {@link NamespaceStore} in two hash maps. */
public final class HeapNamespaceStore implements NamespaceStore {
    private final Map<GfidKey, Inode> inodes = new HashMap<>();
    private final Map<Link, GfidKey> entries = new HashMap<>();

    @Override
    public Inode inode(GfidKey gfid) {
        return inodes.get(gfid);
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        if (Inode.linkedOrNull(inode) == null) {
            inodes.remove(gfid);
        } else {
            inodes.put(gfid, inode);
        }
    }

    @Override
    public GfidKey entry(Link link) {
        return entries.get(link);
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        if (gfid == null) {
            entries.remove(link);
        } else {
            entries.put(link, gfid);
        }
    }

    /** Number of inodes with at least one name. */
    public int size() {
        return inodes.size();
    }

    /** All inodes (for tests and full manifests). */
    public Map<GfidKey, Inode> inodes() {
        return java.util.Collections.unmodifiableMap(inodes);
    }
}
