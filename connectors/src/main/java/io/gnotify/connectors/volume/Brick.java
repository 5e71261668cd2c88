package io.gnotify.connectors.volume;

import java.io.Serializable;
import java.util.Objects;

/** One brick of a volume: its place in the volume, its host, and where its directory is. */
public final class Brick implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int subvolume;
    private final String host;
    private final String path;
    private final boolean arbiter;
    private final String id;

    public Brick(int index, int subvolume, String host, String path, boolean arbiter) {
        this.index = index;
        this.subvolume = subvolume;
        this.host = Objects.requireNonNull(host, "host");
        this.path = Objects.requireNonNull(path, "path");
        this.arbiter = arbiter;
        this.id = host + ":" + path;
    }

    /** Position in {@code gluster volume info} order (0-based). */
    public int index() {
        return index;
    }

    /** The replica set (DHT subvolume) this brick belongs to (0-based). */
    public int subvolume() {
        return subvolume;
    }

    public String host() {
        return host;
    }

    /** The brick directory as GlusterFS names it (before any re-basing). */
    public String path() {
        return path;
    }

    /** Arbiter bricks log entry and metadata records but hold no data. */
    public boolean arbiter() {
        return arbiter;
    }

    /** {@code host:/path}, the brick's name in GlusterFS and gnotify's split id. */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Brick)) {
            return false;
        }
        Brick b = (Brick) o;
        return index == b.index && subvolume == b.subvolume && arbiter == b.arbiter && host.equals(b.host)
                && path.equals(b.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, subvolume, host, path, arbiter);
    }

    @Override
    public String toString() {
        return id() + (arbiter ? " (arbiter)" : "") + " [subvolume " + subvolume + "]";
    }
}
