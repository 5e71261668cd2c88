package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Applies one window's ordered events to the namespace and remembers what the window started from: the
 * state of every inode it touched as it was at the window's start, and which inodes had their data or
 * metadata changed. A rename onto an existing name takes that name from its previous holder (which
 * GlusterFS does not log). AFR's hidden anonymous-inode directory is left out: what self-heal moves into it
 * only loses its old name.
 */
public final class WindowChanges {
    private final NamespaceStore store;
    private final Map<GfidKey, Inode> before = new HashMap<>();
    private final Set<GfidKey> data = new HashSet<>();
    private final Set<GfidKey> metadata = new HashSet<>();
    private final NameConflicts conflicts;
    private final AnonymousInodeDir hidden;

    public WindowChanges(NamespaceStore store) {
        this(store, null);
    }

    /** {@code owners}: a live lookup that settles name conflicts the journals cannot order ({@code null}: none). */
    public WindowChanges(NamespaceStore store, NameOwners owners) {
        this(store, owners, new RolloverSpacing(), AnonymousInodeDir.UNKNOWN, RecentNames.NONE);
    }

    /**
     * ... and {@code spacing}: the bricks' rollover interval, within which journal order between bricks is a guess;
     * {@code hidden}: the volume's anonymous-inode directory; {@code earlier}: the names the windows before gave
     * within a rollover interval of this window's start.
     */
    WindowChanges(NamespaceStore store, NameOwners owners, RolloverSpacing spacing, AnonymousInodeDir hidden,
            RecentNames earlier) {
        this.store = store;
        this.conflicts = new NameConflicts(owners, spacing, earlier);
        this.hidden = hidden;
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
        if (hidden.internal(r)) {
            return;
        }
        Fop fop = r.fop();
        Link link = new Link(new GfidKey(r.pgfidMsb(), r.pgfidLsb()), r.name());
        switch (fop) {
            case CREATE, MKNOD, MKDIR, SYMLINK, LINK -> addLink(gfid, created(r), link, e);
            case RENAME -> {
                if (hidden.movedIn(r)) {
                    removeLink(gfid, link);
                } else {
                    rename(gfid, link, new Link(new GfidKey(r.newPgfidMsb(), r.newPgfidLsb()), r.newName()), e);
                }
            }
            case UNLINK, RMDIR -> removeLink(gfid, link);
            default -> { }
        }
    }

    private void addLink(GfidKey gfid, FileType type, Link link, VolumeEvent e) {
        Displaced displaced = takeName(link, gfid);
        touch(gfid);
        Inode inode = store.inode(gfid);
        store.put(gfid, inode == null ? new Inode(type, java.util.List.of(link)) : inode.withLink(link));
        store.entry(link, gfid);
        settle(link, displaced, gfid, e);
    }

    private void rename(GfidKey gfid, Link from, Link to, VolumeEvent e) {
        touch(gfid);
        Inode inode = store.inode(gfid);
        if (gfid.equals(store.entry(from))) {
            store.entry(from, null);
        }
        Displaced displaced = takeName(to, gfid);
        FileType type = inode == null ? FileType.OTHER : inode.type();
        Inode moved = inode == null ? new Inode(type, java.util.List.of(to)) : inode.withoutLink(from).withLink(to);
        store.put(gfid, moved);
        store.entry(to, gfid);
        settle(to, displaced, gfid, e);
    }

    /**
     * After {@code gfid} took {@code link} from {@code displaced}: if nothing orders the two operations (within
     * a rollover interval, unrelated bricks) and the live volume shows {@code displaced} holding the name, the operation just
     * applied really came first, so the name goes back to {@code displaced}.
     */
    private void settle(Link link, Displaced displaced, GfidKey gfid, VolumeEvent e) {
        if (displaced != null && conflicts.unordered(link, e) && conflicts.earlierHolderWins(
                new PathResolver(store::inode).path(link), displaced.gfid(), gfid, e.journalTs())) {
            store.put(gfid, store.inode(gfid).withoutLink(link));
            Inode d = store.inode(displaced.gfid());
            store.put(displaced.gfid(), d == null ? new Inode(displaced.type(), java.util.List.of(link)) : d.withLink(link));
            store.entry(link, displaced.gfid());
            return;
        }
        conflicts.given(link, e);
    }

    /** Name conflicts settled by the live lookup, and those left in journal order. */
    public long conflictsResolved() {
        return conflicts.resolved();
    }

    public long conflictsUnresolved() {
        return conflicts.unresolved();
    }

    /** Of those, the conflicts with a name an earlier window gave (across the window boundary). */
    public long conflictsAcrossWindows() {
        return conflicts.acrossWindows();
    }

    /** The names given lately that the next window, starting at {@code nextStart}, checks its operations against. */
    RecentNames carry(long nextStart) {
        return conflicts.carry(nextStart);
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

    /**
     * A name about to be given to {@code gfid} is taken from whoever held it (rename over an existing name);
     * returns that previous holder, or {@code null}.
     */
    private Displaced takeName(Link link, GfidKey gfid) {
        GfidKey holder = store.entry(link);
        if (holder != null && !holder.equals(gfid)) {
            touch(holder);
            Inode h = store.inode(holder);
            if (h != null) {
                store.put(holder, h.withoutLink(link));
            }
            return new Displaced(holder, h == null ? FileType.OTHER : h.type());
        }
        return null;
    }

    /** The inode a name was taken from, and its type (it may have no name left, and so no state). */
    private record Displaced(GfidKey gfid, FileType type) {}

    /** The type of what a create-type record made (a symlink's or a link's record carries no type bits). */
    private static FileType created(JournalRecord r) {
        return r.fop() == Fop.SYMLINK ? FileType.SYMLINK : r.fop() == Fop.LINK ? FileType.FILE : FileType.ofMode(r.mode());
    }

    /**
     * A crawl found the name {@code crawled} makes where the namespace has it: the diff looks at its inode if the
     * window's start could not place the name ({@code unplaced}), and the crawl's type replaces one no journal gave.
     * Returns whether either happened.
     */
    boolean revisit(JournalRecord crawled, boolean unplaced) {
        GfidKey gfid = new GfidKey(crawled.gfidMsb(), crawled.gfidLsb());
        Inode inode = store.inode(gfid);
        FileType type = created(crawled);
        boolean retype = inode != null && inode.type() == FileType.OTHER && type != FileType.OTHER;
        if (unplaced || retype) {
            touch(gfid);
        }
        if (retype) {
            store.put(gfid, new Inode(type, inode.links()));
        }
        return unplaced || retype;
    }

    /**
     * The diff looks at {@code gfid} again: a name of it that earlier windows could not place, because a directory
     * above it was unknown, gets its path if this window's end can place it ({@link UnplacedNames}).
     */
    void reconsider(GfidKey gfid) {
        touch(gfid);
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

}
