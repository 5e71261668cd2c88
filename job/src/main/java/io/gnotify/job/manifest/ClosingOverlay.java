package io.gnotify.job.manifest;

/**
 * The namespace as the open window sees it while the window before it is still closing: reads go through the
 * closing window's cache (its changes, not yet in the store), writes go to the store itself.
 */
final class ClosingOverlay implements NamespaceStore {
    private final NamespaceStore store;
    private NamespaceStore closing;

    ClosingOverlay(NamespaceStore store) {
        this.store = store;
    }

    /** Reads go through {@code window}'s cache until {@link #closed()}. */
    void closing(NamespaceStore window) {
        this.closing = window;
    }

    /** The closing window's changes are in the store now. */
    void closed() {
        this.closing = null;
    }

    private NamespaceStore reads() {
        return closing != null ? closing : store;
    }

    @Override
    public Inode inode(GfidKey gfid) {
        return reads().inode(gfid);
    }

    @Override
    public void put(GfidKey gfid, Inode inode) {
        store.put(gfid, inode);
    }

    @Override
    public GfidKey entry(Link link) {
        return reads().entry(link);
    }

    @Override
    public void entry(Link link, GfidKey gfid) {
        store.entry(link, gfid);
    }
}
