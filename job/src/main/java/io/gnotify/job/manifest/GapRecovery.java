package io.gnotify.job.manifest;

import io.gnotify.connectors.crawl.BrickCrawler;
import io.gnotify.connectors.crawl.GfidSource;
import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers holes in the journals by crawl. Windows that mark a brick {@code gap} start a hole; the first window
 * after it in which no brick is a gap (or the last window of a bounded run) crawls the volume through its FUSE
 * mount and brings the namespace to what the volume holds: entries the journals missed are created or moved,
 * names the volume no longer has are removed, names the journals after the hole put under a directory only the hole
 * knew get their paths, and files changed since the hole began are modified. That
 * window's manifest says {@code "reconcile": true}. Journals after the hole then find the namespace already
 * there and change nothing twice. Without a mount the windows keep their {@code gap} marks and a warning says so.
 */
final class GapRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(GapRecovery.class);
    static final long NONE = Long.MIN_VALUE;

    private final String mount;
    private final GfidSource gfids;
    /** The second from which the pending hole's changes are looked for ({@link #NONE}: no hole pending). */
    private long since = NONE;

    /** {@code mount}: a FUSE mount of the volume, or {@code null}. */
    GapRecovery(String mount) {
        this(mount, GfidSource.MOUNT);
    }

    /** ... whose gfids are read from {@code gfids} (tests crawl a directory laid out like a brick). */
    GapRecovery(String mount, GfidSource gfids) {
        this.mount = mount;
        this.gfids = gfids;
    }

    /**
     * What one reconciliation did, for the log; {@code placed}: names the namespace held but earlier manifests could
     * not place (created by journals after a hole, under a directory the hole created), now given their paths.
     */
    record Outcome(long walked, long added, long placed, long removed, long changed) {}

    long pendingSince() {
        return since;
    }

    void restore(long pendingSince) {
        this.since = pendingSince;
    }

    /**
     * Called as window {@code [start, end)} closes, with its bricks' statuses; returns the second the window
     * reconciles from, or {@link #NONE}. {@code margin}: how far before the window a brick's hole may begin
     * (the rollover interval). {@code last}: no window follows (end of a bounded run).
     */
    long onClose(String window, long start, List<BrickWindowStatus> statuses, long margin, boolean last) {
        boolean gap = statuses.stream().anyMatch(b -> b.status().equals("gap"));
        if (gap && since == NONE) {
            since = start - margin - 1;
            if (mount == null) {
                LOG.warn("window {}: a brick's journals have a hole (status gap); run with --lookup-mount to have the "
                        + "changes in it found by a crawl of the volume", window);
            }
        }
        if (mount == null) {
            since = NONE;
            return NONE;
        }
        if (since == NONE || gap && !last) {
            return NONE;
        }
        long from = since;
        since = NONE;
        return from;
    }

    /**
     * Crawls the mount and applies to {@code changes} what brings {@code store} to the volume's content;
     * {@code known}: every inode the namespace held before.
     */
    Outcome reconcile(WindowChanges changes, NamespaceStore store, Iterable<GfidKey> known, long from, long second)
            throws IOException {
        Set<Link> present = new HashSet<>();
        long walked = 0;
        long added = 0;
        long changed = 0;
        long placed = 0;
        PathResolver atStart = new PathResolver(changes.startView());
        BrickCrawler crawler = new BrickCrawler(Path.of(mount), p -> LOG.warn("reconciliation crawl: {}", p),
                gfids, from);
        for (JournalRecord r = crawler.next(); r != null; r = crawler.next()) {
            GfidKey gfid = new GfidKey(r.gfidMsb(), r.gfidLsb());
            if (r.type() == RecordType.ENTRY) {
                Link link = new Link(new GfidKey(r.pgfidMsb(), r.pgfidLsb()), r.name());
                present.add(link);
                walked++;
                if (!gfid.equals(store.entry(link))) {
                    changes.apply(event(r, second));
                    added++;
                } else if (changes.revisit(r, !atStart.resolves(link))) {
                    placed++;
                }
            } else {
                changes.apply(event(r, second));
                changed++;
            }
        }
        long removed = 0;
        for (GfidKey g : known) {
            Inode inode = store.inode(g);
            if (inode == null) {
                continue;
            }
            for (Link link : inode.links()) {
                if (!present.contains(link) && !(link.parent().equals(GfidKey.ROOT)
                        && BrickCrawler.hiddenAtRoot(new String(link.name(), StandardCharsets.UTF_8)))) {
                    Fop fop = inode.type() == FileType.DIR ? Fop.RMDIR : Fop.UNLINK;
                    changes.apply(event(JournalRecord.builder(RecordType.ENTRY, g.msb(), g.lsb()).fop(fop)
                            .entry(link.parent().msb(), link.parent().lsb(), link.name()).build(), second));
                    removed++;
                }
            }
        }
        return new Outcome(walked, added, placed, removed, changed);
    }

    private static VolumeEvent event(JournalRecord r, long second) {
        return new VolumeEvent(-1, second, 0, Long.MAX_VALUE - 2, new int[0], r);
    }
}
