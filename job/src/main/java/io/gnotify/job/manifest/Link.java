package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One name of an inode: its parent directory and its basename (raw bytes). */
public record Link(GfidKey parent, byte[] name) implements Comparable<Link> {
    @Override
    public boolean equals(Object o) {
        return o instanceof Link l && l.parent.equals(parent) && Arrays.equals(l.name, name);
    }

    @Override
    public int hashCode() {
        return parent.hashCode() * 31 + Arrays.hashCode(name);
    }

    /** Deterministic order: parent, then name bytes. */
    @Override
    public int compareTo(Link o) {
        int c = Long.compare(parent.msb(), o.parent.msb());
        if (c == 0) {
            c = Long.compare(parent.lsb(), o.parent.lsb());
        }
        return c != 0 ? c : Arrays.compareUnsigned(name, o.name);
    }

    @Override
    public String toString() {
        return parent + "/" + new String(name, StandardCharsets.UTF_8);
    }
}
