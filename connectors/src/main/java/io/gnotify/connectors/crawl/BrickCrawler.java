package io.gnotify.connectors.crawl;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.journal.RecordType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks a brick's backend once and describes what is there as the entry records the journals would have
 * logged to create it: MKDIR, CREATE, SYMLINK or MKNOD per inode (with mode and owner) and LINK for each
 * further hard link, parents before children, each directory's names in byte order, so replicas of a
 * subvolume give identical records. Gfids come from {@code trusted.gfid} (or, crawling a FUSE mount of the
 * volume, {@code glusterfs.gfid.string}); GlusterFS's own {@code .glusterfs} tree, its trash and AFR's hidden
 * directory at the root, and DHT link-to files are left out. An entry that cannot be used (no gfid, a name
 * that cannot be read exactly) is reported and skipped. Given a second, each entry changed since then is
 * followed by a data record (modified at or after it) or a SETATTR record (only its attributes changed).
 */
public final class BrickCrawler {
    private static final String LINKTO = "trusted.glusterfs.dht.linkto";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_ISVTX = 01000;
    private static final Set<String> HIDDEN_AT_ROOT = Set.of(".glusterfs", ".trashcan");

    private final Path root;
    private final byte[] rootBytes;
    private final ProblemListener problems;
    private final GfidSource gfids;
    private final long changedSince;
    /** A change record that follows the entry record just returned. */
    private JournalRecord pendingChange;
    private final Deque<Frame> stack = new ArrayDeque<>();
    /** Gfids of files with more than one name seen so far (a later name is a LINK). */
    private final Set<InodeId> multiLinkSeen = new HashSet<>();
    private long emitted;

    /** One directory being walked: its path bytes, gfid, and sorted children. */
    private record Frame(byte[] path, long msb, long lsb, List<Child> children, int[] next) {}

    /** A gfid as a set member. */
    private record InodeId(long msb, long lsb) {}

    /** A child of a directory: its path and exact name. */
    private record Child(Path path, byte[] name) {}

    public BrickCrawler(Path brickRoot, ProblemListener problems) throws IOException {
        this(brickRoot, problems, GfidSource.BRICK, Long.MAX_VALUE);
    }

    /**
     * A crawl of {@code root} reading gfids from {@code gfids}; entries changed at or after {@code changedSince}
     * (epoch second; {@link Long#MAX_VALUE}: none) are followed by their change record.
     */
    public BrickCrawler(Path root, ProblemListener problems, GfidSource gfids, long changedSince) throws IOException {
        this.root = root;
        this.rootBytes = root.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
        this.gfids = gfids;
        this.changedSince = changedSince;
        stack.push(new Frame(rootBytes, Gfid.ROOT_MSB, Gfid.ROOT_LSB, children(root, true), new int[1]));
    }

    /** The next record, or {@code null} when the whole backend was walked. */
    public JournalRecord next() throws IOException {
        if (pendingChange != null) {
            JournalRecord r = pendingChange;
            pendingChange = null;
            return r;
        }
        while (!stack.isEmpty()) {
            Frame dir = stack.peek();
            if (dir.next()[0] >= dir.children().size()) {
                stack.pop();
                continue;
            }
            Child c = dir.children().get(dir.next()[0]++);
            JournalRecord r = describe(dir, c);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    /** How many records were produced. */
    public long emitted() {
        return emitted;
    }

    private JournalRecord describe(Frame dir, Child c) throws IOException {
        byte[] path = join(dir.path(), c.name());
        Map<String, Object> st;
        try {
            st = Files.readAttributes(c.path(), "unix:mode,uid,gid,nlink,size,lastModifiedTime,ctime", LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return null; // removed while we walk: the journals after the crawl's start have it
        }
        int mode = (Integer) st.get("mode");
        int type = mode & S_IFMT;
        if (type == S_IFREG && (mode & S_ISVTX) != 0 && (Long) st.get("size") == 0 && Xattrs.get(path, LINKTO, 4096) != null) {
            return null; // DHT link-to file: the data lives on another subvolume
        }
        long[] gfid = gfids.gfid(path);
        if (gfid == null) {
            problems.onProblem(new JournalProblem(JournalProblem.Kind.CRAWL_ENTRY, c.path().toString(), 0, 0,
                    "no " + gfids.attribute() + " (not created through GlusterFS, or still being created); left out of the crawl"));
            return null;
        }
        long msb = gfid[0];
        long lsb = gfid[1];
        pendingChange = change(msb, lsb, st);
        JournalRecord.Builder b = JournalRecord.builder(RecordType.ENTRY, msb, lsb).position(emitted, 0);
        if (type == S_IFDIR) {
            stack.push(new Frame(path, msb, lsb, children(c.path(), false), new int[1]));
            b.fop(Fop.MKDIR).modeOwner(mode, (Integer) st.get("uid"), (Integer) st.get("gid"));
        } else if (type == S_IFREG && (Integer) st.get("nlink") > 1 + gfids.hiddenLinks() && !firstName(msb, lsb)) {
            b.fop(Fop.LINK);
        } else {
            Fop fop = type == S_IFREG ? Fop.CREATE : type == S_IFLNK ? Fop.SYMLINK : Fop.MKNOD;
            b.fop(fop).modeOwner(mode, (Integer) st.get("uid"), (Integer) st.get("gid"));
        }
        emitted++;
        return b.entry(dir.msb(), dir.lsb(), c.name()).build();
    }

    /** The data or attribute record of an entry changed since {@link #changedSince}, or {@code null}. */
    private JournalRecord change(long msb, long lsb, Map<String, Object> st) {
        long modified = ((java.nio.file.attribute.FileTime) st.get("lastModifiedTime")).to(java.util.concurrent.TimeUnit.SECONDS);
        long changed = ((java.nio.file.attribute.FileTime) st.get("ctime")).to(java.util.concurrent.TimeUnit.SECONDS);
        if (changedSince == Long.MAX_VALUE || changed < changedSince) {
            return null;
        }
        if (modified >= changedSince) {
            // A directory's times move with its entries, which the entry records already describe.
            return ((Integer) st.get("mode") & S_IFMT) == S_IFREG
                    ? JournalRecord.builder(RecordType.DATA, msb, lsb).position(emitted, 0).build() : null;
        }
        return JournalRecord.builder(RecordType.METADATA, msb, lsb).fop(Fop.SETATTR).position(emitted, 0).build();
    }

    /** True the first time a multi-link file's gfid is seen (a regular file's nlink counts its .glusterfs link). */
    private boolean firstName(long msb, long lsb) {
        return multiLinkSeen.add(new InodeId(msb, lsb));
    }

    /** True for the names at the volume root that are GlusterFS's own, which a crawl leaves out. */
    public static boolean hiddenAtRoot(String name) {
        return HIDDEN_AT_ROOT.contains(name) || name.startsWith(".glusterfs-anonymous-inode-");
    }

    private List<Child> children(Path dir, boolean atRoot) throws IOException {
        List<Child> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (atRoot && hiddenAtRoot(name)) {
                    continue;
                }
                byte[] raw = RawPaths.bytes(p.getFileName());
                if (raw == null) {
                    problems.onProblem(new JournalProblem(JournalProblem.Kind.CRAWL_ENTRY, p.toString(), 0, 0,
                            "the name's bytes cannot be read exactly (start the JVM with --add-opens "
                                    + "java.base/sun.nio.fs=ALL-UNNAMED); left out of the crawl"));
                    continue;
                }
                out.add(new Child(p, raw));
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            return out;
        }
        out.sort((a, b) -> Arrays.compareUnsigned(a.name(), b.name()));
        return out;
    }

    private static byte[] join(byte[] dir, byte[] name) {
        byte[] out = Arrays.copyOf(dir, dir.length + 1 + name.length);
        out[dir.length] = '/';
        System.arraycopy(name, 0, out, dir.length + 1, name.length);
        return out;
    }

    @Override
    public String toString() {
        return "BrickCrawler{" + root + ", " + emitted + " records}";
    }
}
