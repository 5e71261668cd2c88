package io.gnotify.connectors.journal.synthetic;

import io.gnotify.connectors.journal.Gfid;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The live namespace of a synthetic volume: directories and non-directory inodes with their links. */
final class SyntheticNamespace {
    /** A directory (every subvolume has it). */
    /** Anything with a name in a directory: a directory itself, or one link of an inode. */
    abstract static class Named {
        Dir parent;
        byte[] name;

        /** Moves this name to {@code newName} in {@code to}, keeping the directories' child counts. */
        void moveTo(Dir to, byte[] newName) {
            parent.children--;
            to.children++;
            parent = to;
            name = newName;
        }
    }

    static final class Dir extends Named {
        final long msb;
        final long lsb;
        int children;
        int index;

        Dir(long msb, long lsb, Dir parent, byte[] name) {
            this.msb = msb;
            this.lsb = lsb;
            this.parent = parent;
            this.name = name;
        }

        /** Directories between this one and the root (the root is 0); walks up, so it is cheap in a shallow tree. */
        int depth() {
            int d = 0;
            for (Dir p = parent; p != null; p = p.parent) {
                d++;
            }
            return d;
        }
    }

    /** One name of an inode. */
    static final class Link extends Named {

        Link(Dir parent, byte[] name) {
            this.parent = parent;
            this.name = name;
        }
    }

    /** A file, symlink or special file, living on one subvolume. */
    static final class Inode {
        final long msb;
        final long lsb;
        final int subvolume;
        final List<Link> links = new ArrayList<>(1);
        int index;

        Inode(long msb, long lsb, int subvolume) {
            this.msb = msb;
            this.lsb = lsb;
            this.subvolume = subvolume;
        }
    }

    final Dir root = new Dir(Gfid.ROOT_MSB, Gfid.ROOT_LSB, null, new byte[0]);
    private final List<Dir> dirs = new ArrayList<>();
    private final List<Inode> inodes = new ArrayList<>();
    private final Random random;

    SyntheticNamespace(Random random) {
        this.random = random;
        add(root);
    }

    int inodeCount() {
        return inodes.size();
    }

    int dirCount() {
        return dirs.size();
    }

    Dir randomDir() {
        return dirs.get(random.nextInt(dirs.size()));
    }

    Inode randomInode() {
        return inodes.isEmpty() ? null : inodes.get(random.nextInt(inodes.size()));
    }

    /** A random directory other than the root, or {@code null}. */
    Dir randomNonRootDir() {
        return dirs.size() < 2 ? null : dirs.get(1 + random.nextInt(dirs.size() - 1));
    }

    void add(Dir d) {
        d.index = dirs.size();
        dirs.add(d);
        if (d.parent != null) {
            d.parent.children++;
        }
    }

    void remove(Dir d) {
        Dir last = dirs.remove(dirs.size() - 1);
        if (last != d) {
            dirs.set(d.index, last);
            last.index = d.index;
        }
        d.parent.children--;
    }

    void add(Inode i) {
        i.index = inodes.size();
        inodes.add(i);
    }

    void link(Inode i, Link l) {
        i.links.add(l);
        l.parent.children++;
    }

    void unlink(Inode i, Link l) {
        i.links.remove(l);
        l.parent.children--;
        if (i.links.isEmpty()) {
            Inode last = inodes.remove(inodes.size() - 1);
            if (last != i) {
                inodes.set(i.index, last);
                last.index = i.index;
            }
        }
    }

    /** True if {@code candidate} is {@code dir} or below it. */
    static boolean within(Dir candidate, Dir dir) {
        for (Dir d = candidate; d != null; d = d.parent) {
            if (d == dir) {
                return true;
            }
        }
        return false;
    }

    /** Volume-relative path of a name in a directory, as GlusterFS captures it for deletes. */
    static byte[] path(Dir parent, byte[] name) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(name);
        for (Dir d = parent; d.parent != null; d = d.parent) {
            parts.add(d.name);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append(new String(parts.get(i), StandardCharsets.ISO_8859_1));
            if (i > 0) {
                sb.append('/');
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
