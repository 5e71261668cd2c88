package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies one window's ordered events to the namespace and remembers what the window started from: the
 * state of every inode it touched as it was at the window's start, and which inodes had their data or
 * metadata changed. A rename onto an existing name takes that name from its previous holder (which
 * GlusterFS does not log). AFR's hidden {@code .glusterfs-anonymous-inode-*} directory is left out.
 */
public final class WindowChanges {
    private static final byte[] ANONYMOUS_INODE = ".glusterfs-anonymous-inode-".getBytes(StandardCharsets.US_ASCII);

    private final NamespaceStore store;
    private final Map<GfidKey, Inode> before = new HashMap<>();
    private final Set<GfidKey> data = new HashSet<>();
    private final Set<GfidKey> metadata = new HashSet<>();

    public WindowChanges(NamespaceStore store) {
        this.store = store;
    }

    /** Applies one event (events must come in volume order). */
    public void apply(VolumeEvent e) {
        JournalRecord r = e.record();
        GfidKey gfid = new GfidKey(r.gfidMsb(), r.gfidLsb());
        if (r.type() == RecordType.DATA) {
            touch(gfid);
            data.add(gfid);
            return;
        }
        if (r.type() == RecordType.METADATA) {
            touch(gfid);
            metadata.add(gfid);
            return;
        }
        Fop fop = r.fop();
        Link link = new Link(new GfidKey(r.pgfidMsb(), r.pgfidLsb()), r.name());
        switch (fop) {
            case CREATE, MKNOD, MKDIR -> create(gfid, FileType.ofMode(r.mode()), link);
            case SYMLINK -> create(gfid, FileType.SYMLINK, link);
            case LINK -> addLink(gfid, FileType.FILE, link);
            case RENAME -> rename(gfid, link, new Link(new GfidKey(r.newPgfidMsb(), r.newPgfidLsb()), r.newName()));
            case UNLINK, RMDIR -> removeLink(gfid, link);
            default -> { }
        }
    }

    private void create(GfidKey gfid, FileType type, Link link) {
        if (link.parent().equals(GfidKey.ROOT) && startsWith(link.name(), ANONYMOUS_INODE)) {
            return;
        }
        addLink(gfid, type, link);
    }

    private void addLink(GfidKey gfid, FileType type, Link link) {
        takeName(link, gfid);
        touch(gfid);
        Inode inode = store.inode(gfid);
        store.put(gfid, inode == null ? new Inode(type, java.util.List.of(link)) : inode.withLink(link));
        store.entry(link, gfid);
    }

    private void rename(GfidKey gfid, Link from, Link to) {
        touch(gfid);
        Inode inode = store.inode(gfid);
        if (gfid.equals(store.entry(from))) {
            store.entry(from, null);
        }
        takeName(to, gfid);
        FileType type = inode == null ? FileType.OTHER : inode.type();
        Inode moved = inode == null ? new Inode(type, java.util.List.of(to)) : inode.withoutLink(from).withLink(to);
        store.put(gfid, moved);
        store.entry(to, gfid);
    }

    private void removeLink(GfidKey gfid, Link link) {
        touch(gfid);
        Inode inode = store.inode(gfid);
        if (inode != null) {
            store.put(gfid, inode.withoutLink(link));
        }
        if (gfid.equals(store.entry(link))) {
            store.entry(link, null);
        }
    }

    /** A name about to be given to {@code gfid} is taken from whoever held it (rename over an existing name). */
    private void takeName(Link link, GfidKey gfid) {
        GfidKey holder = store.entry(link);
        if (holder != null && !holder.equals(gfid)) {
            touch(holder);
            Inode h = store.inode(holder);
            if (h != null) {
                store.put(holder, h.withoutLink(link));
            }
        }
    }

    private void touch(GfidKey gfid) {
        if (!before.containsKey(gfid)) {
            before.put(gfid, store.inode(gfid));
        }
    }

    /** The inodes this window touched, with their state at its start ({@code null}: did not exist). */
    public Map<GfidKey, Inode> before() {
        return before;
    }

    public boolean dataChanged(GfidKey gfid) {
        return data.contains(gfid);
    }

    public boolean metadataChanged(GfidKey gfid) {
        return metadata.contains(gfid);
    }

    /** The namespace as it was at the window's start. */
    public java.util.function.Function<GfidKey, Inode> startView() {
        return g -> before.containsKey(g) ? before.get(g) : store.inode(g);
    }

    /** The namespace as it is now, at the window's end. */
    public java.util.function.Function<GfidKey, Inode> endView() {
        return store::inode;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && java.util.Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }
}
