package io.gnotify.connectors.journal.synthetic;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalHeader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.journal.synthetic.SyntheticNamespace.Dir;
import io.gnotify.connectors.journal.synthetic.SyntheticNamespace.Inode;
import io.gnotify.connectors.journal.synthetic.SyntheticNamespace.Link;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates the brick journals of a seeded synthetic workload in the exact GlusterFS 10.x format: a
 * realistic op mix (creates, writes, renames, deletes, setattr/xattr, hard links, symlinks, fifos,
 * directory renames), DHT placement (directory records on every subvolume, file records on the file's
 * subvolume), AFR replication (the same records on every replica, some landing one journal late on a
 * second replica), plus HTIME indexes and a {@code volume-info.xml} in {@code gluster --xml} form.
 */
public final class SyntheticVolumeGenerator {
    /**
     * Directories nest at most this deep (real trees rarely go further); directory moves never go deeper, so
     * paths keep a realistic length however long the workload runs.
     */
    private static final int MAX_DIR_DEPTH = 10;
    private static final int MODE_FILE = 0100644;
    private static final int MODE_DIR = 040755;
    private static final int MODE_FIFO = 010644;

    private final SyntheticVolumeSpec spec;
    private final Random random;
    private final SyntheticNamespace ns;
    private final BrickJournalWriter[] bricks;
    private final List<List<JournalRecord>> lateByBrick = new ArrayList<>();
    private long nextName;
    private long records;
    private long windowEnd;
    private double now;

    private SyntheticVolumeGenerator(SyntheticVolumeSpec spec, Path out, RecordListener listener) throws IOException {
        this.spec = spec;
        this.random = new Random(spec.seed);
        this.ns = new SyntheticNamespace(random);
        this.bricks = new BrickJournalWriter[spec.brickCount()];
        JournalHeader header = JournalHeader.current(spec.encoding);
        for (int b = 0; b < bricks.length; b++) {
            bricks[b] = new BrickJournalWriter(b, out.resolve("bricks").resolve("b" + (b + 1)),
                    spec.originalBrickPath(b), header, spec.startEpoch, listener);
            lateByBrick.add(new ArrayList<>());
        }
    }

    /** Writes the volume under {@code out} ({@code bricks/bN/...} and {@code volume-info.xml}). */
    public static Summary generate(SyntheticVolumeSpec spec, Path out, RecordListener listener) throws IOException {
        Files.createDirectories(out);
        SyntheticVolumeGenerator g = new SyntheticVolumeGenerator(spec, out, listener);
        Summary s = g.run();
        Files.writeString(out.resolve("volume-info.xml"), VolumeInfoXml.render(spec));
        return s;
    }

    /** What was written: records and bytes over all bricks, the first and last rollover, workload ops. */
    public record Summary(long records, long journalBytes, long firstRollover, long lastRollover, long operations) {}

    private Summary run() throws IOException {
        windowEnd = spec.startEpoch + spec.rolloverSeconds;
        now = spec.startEpoch + 0.5;
        long ops = 0;
        while (records < spec.targetRecords) {
            while (now >= windowEnd) {
                rolloverAll();
            }
            operation();
            ops++;
            now += 1.0 / spec.opsPerSecond;
        }
        rolloverAll();
        for (int i = 0; i < spec.idleRolloversAtEnd; i++) {
            rolloverAll();
        }
        long bytes = 0;
        long written = 0;
        for (BrickJournalWriter w : bricks) {
            w.close();
            bytes += w.bytesWritten();
            written += w.recordsWritten();
        }
        return new Summary(written, bytes, spec.startEpoch + spec.rolloverSeconds, windowEnd - spec.rolloverSeconds, ops);
    }

    private void rolloverAll() throws IOException {
        for (int b = 0; b < bricks.length; b++) {
            bricks[b].rollover(windowEnd);
            for (JournalRecord late : lateByBrick.get(b)) {
                records += bricks[b].add(late) ? 1 : 0;
            }
            lateByBrick.get(b).clear();
        }
        windowEnd += spec.rolloverSeconds;
    }

    /** One workload operation, chosen by a fixed mix; deletes take over when the namespace is full. */
    private void operation() {
        boolean full = ns.inodeCount() >= spec.maxLiveFiles;
        int dice = random.nextInt(100);
        if (ns.dirCount() < 8 || (dice < 4 && ns.dirCount() < spec.maxLiveFiles / 20)) {
            mkdir();
        } else if (dice < 30 && !full) {
            create();
        } else if (dice < 52) {
            write();
        } else if (dice < 60) {
            setattr(Fop.SETATTR);
        } else if (dice < 63) {
            setattr(random.nextInt(4) == 0 ? Fop.REMOVEXATTR : Fop.SETXATTR);
        } else if (dice < 72) {
            renameFile();
        } else if (dice < 75 && !full) {
            link();
        } else if (dice < 77 && !full) {
            special(Fop.SYMLINK);
        } else if (dice < 78 && !full) {
            special(Fop.MKNOD);
        } else if (dice < 79) {
            renameDir();
        } else if (dice < 81) {
            rmdir();
        } else {
            unlink();
        }
    }

    private void mkdir() {
        Dir parent = ns.randomDir();
        while (parent.depth() >= MAX_DIR_DEPTH) {
            parent = parent.parent;
        }
        long[] g = newGfid();
        Dir d = new Dir(g[0], g[1], parent, name("d"));
        ns.add(d);
        everywhere(entry(Fop.MKDIR, g, parent, d.name).modeOwner(MODE_DIR, 0, 0).build());
        if (spec.distributeCount > 1) {
            everywhere(JournalRecord.builder(RecordType.METADATA, g[0], g[1]).fop(Fop.SETXATTR).build());
        }
    }

    private void create() {
        Inode i = newInode(Fop.CREATE);
        onSubvolume(i.subvolume, JournalRecord.builder(RecordType.DATA, i.msb, i.lsb).build());
    }

    private void special(Fop fop) {
        newInode(fop);
    }

    /** A new file (CREATE), symlink (SYMLINK) or fifo (MKNOD) in a random directory, logged on its subvolume. */
    private Inode newInode(Fop fop) {
        Dir parent = ns.randomDir();
        long[] g = newGfid();
        byte[] n = name(fop == Fop.CREATE ? "f" : fop == Fop.SYMLINK ? "s" : "p");
        Inode i = new Inode(g[0], g[1], subvolumeOf(parent, n));
        ns.add(i);
        ns.link(i, new Link(parent, n));
        JournalRecord.Builder r = entry(fop, g, parent, n);
        if (fop == Fop.CREATE) {
            r.modeOwner(MODE_FILE, 1000 + random.nextInt(3), 1000);
        } else if (fop == Fop.MKNOD) {
            r.modeOwner(MODE_FIFO, 0, 0);
        }
        onSubvolume(i.subvolume, r.build());
        return i;
    }

    private void write() {
        Inode i = ns.randomInode();
        if (i != null) {
            onSubvolume(i.subvolume, JournalRecord.builder(RecordType.DATA, i.msb, i.lsb).build());
        }
    }

    private void setattr(Fop fop) {
        Inode i = ns.randomInode();
        if (i == null || random.nextInt(10) == 0) {
            Dir d = ns.randomDir();
            everywhere(JournalRecord.builder(RecordType.METADATA, d.msb, d.lsb).fop(fop).build());
        } else {
            onSubvolume(i.subvolume, JournalRecord.builder(RecordType.METADATA, i.msb, i.lsb).fop(fop).build());
        }
    }

    private void renameFile() {
        Inode i = ns.randomInode();
        if (i == null) {
            return;
        }
        Link l = i.links.get(random.nextInt(i.links.size()));
        Dir to = ns.randomDir();
        byte[] n = name("r");
        onSubvolume(i.subvolume, rename(i.msb, i.lsb, l, to, n));
        l.moveTo(to, n);
    }

    private void link() {
        Inode i = ns.randomInode();
        if (i == null) {
            return;
        }
        Dir parent = ns.randomDir();
        byte[] n = name("h");
        ns.link(i, new Link(parent, n));
        onSubvolume(i.subvolume, entry(Fop.LINK, new long[] {i.msb, i.lsb}, parent, n).build());
    }

    private void unlink() {
        Inode i = ns.randomInode();
        if (i == null) {
            return;
        }
        Link l = i.links.get(random.nextInt(i.links.size()));
        onSubvolume(i.subvolume, entry(Fop.UNLINK, new long[] {i.msb, i.lsb}, l.parent, l.name)
                .deletedPath(SyntheticNamespace.path(l.parent, l.name)).build());
        ns.unlink(i, l);
    }

    private void renameDir() {
        Dir d = ns.randomNonRootDir();
        Dir to = ns.randomDir();
        if (d == null || SyntheticNamespace.within(to, d)) {
            return;
        }
        if (to.depth() > d.parent.depth()) {
            // Moving a directory deeper, again and again, would grow the tree without bound; rename it in place.
            to = d.parent;
        }
        byte[] n = name("m");
        everywhere(rename(d.msb, d.lsb, d, to, n));
        d.moveTo(to, n);
    }

    private void rmdir() {
        Dir d = ns.randomNonRootDir();
        if (d == null || d.children > 0 || ns.dirCount() < 8) {
            return;
        }
        everywhere(entry(Fop.RMDIR, new long[] {d.msb, d.lsb}, d.parent, d.name)
                .deletedPath(SyntheticNamespace.path(d.parent, d.name)).build());
        ns.remove(d);
    }

    /** The RENAME record of inode {@code (msb, lsb)} moving {@code from} to {@code name} in {@code to}. */
    private static JournalRecord rename(long msb, long lsb, SyntheticNamespace.Named from, Dir to, byte[] name) {
        return JournalRecord.builder(RecordType.ENTRY, msb, lsb).fop(Fop.RENAME)
                .entry(from.parent.msb, from.parent.lsb, from.name).newEntry(to.msb, to.lsb, name).build();
    }

    private JournalRecord.Builder entry(Fop fop, long[] gfid, Dir parent, byte[] n) {
        return JournalRecord.builder(RecordType.ENTRY, gfid[0], gfid[1]).fop(fop).entry(parent.msb, parent.lsb, n);
    }

    /** Directory records: every brick of every subvolume. */
    private void everywhere(JournalRecord r) {
        for (int s = 0; s < spec.distributeCount; s++) {
            onSubvolume(s, r);
        }
    }

    /** Every replica of one subvolume; near a rollover a second replica may log it one journal late. */
    private void onSubvolume(int subvolume, JournalRecord r) {
        boolean nearRollover = windowEnd - now < spec.rolloverSeconds / 10.0;
        for (int rep = 0; rep < spec.replicaCount; rep++) {
            int b = subvolume * spec.replicaCount + rep;
            if (rep > 0 && nearRollover && random.nextDouble() < spec.lateReplicaProbability) {
                lateByBrick.get(b).add(r);
            } else if (bricks[b].add(r)) {
                records++;
            }
        }
    }

    /** DHT-like placement: the name's hash picks the subvolume. */
    private int subvolumeOf(Dir parent, byte[] n) {
        int h = 31 * Long.hashCode(parent.lsb) + java.util.Arrays.hashCode(n);
        return Math.floorMod(h * 0x9E3779B1, spec.distributeCount);
    }

    private byte[] name(String prefix) {
        return (prefix + (nextName++)).getBytes(StandardCharsets.US_ASCII);
    }

    private long[] newGfid() {
        long msb = (random.nextLong() & ~0xf000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new long[] {msb, lsb};
    }
}
