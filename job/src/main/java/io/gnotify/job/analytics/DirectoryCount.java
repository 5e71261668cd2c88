package io.gnotify.job.analytics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Changes under one directory in one window, rolled up to a depth (a Flink POJO). {@code dir} is the
 * directory's path bytes ("" is the volume root); {@code flushAt} is the window's commit second, the
 * watermark at which every count of the window has arrived.
 */
public final class DirectoryCount {
    /** Most changes first, then by depth and path bytes, so equal counts rank the same on every run. */
    public static final Comparator<DirectoryCount> RANK = Comparator.comparingLong((DirectoryCount c) -> -c.count)
            .thenComparingInt(c -> c.depth).thenComparing((DirectoryCount c) -> c.dir, Arrays::compareUnsigned);

    public long flushAt;
    public int depth;
    public byte[] dir;
    public long count;

    public DirectoryCount() {}

    public DirectoryCount(long flushAt, int depth, byte[] dir, long count) {
        this.flushAt = flushAt;
        this.depth = depth;
        this.dir = dir;
        this.count = count;
    }

    /** The partition key: depth and path bytes. */
    public String key() {
        return depth + "/" + new String(dir, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "depth " + depth + " '" + new String(dir, java.nio.charset.StandardCharsets.UTF_8) + "' " + count + " @" + flushAt;
    }
}
