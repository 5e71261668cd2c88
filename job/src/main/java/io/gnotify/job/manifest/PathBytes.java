package io.gnotify.job.manifest;

import java.util.Arrays;

/** Volume-relative paths as raw bytes: depth, containment below a directory, and moving them to another one. */
public final class PathBytes {
    private PathBytes() {}

    /** How many directories deep the path is (its number of slashes). */
    public static int depth(byte[] path) {
        int d = 0;
        for (byte b : path) {
            if (b == '/') {
                d++;
            }
        }
        return d;
    }

    /** True if {@code path} begins with the bytes of {@code prefix}. */
    public static boolean startsWith(byte[] path, byte[] prefix) {
        return path.length >= prefix.length && Arrays.equals(path, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** True if {@code path} lies strictly below directory {@code dir}. */
    public static boolean below(byte[] path, byte[] dir) {
        return path.length > dir.length + 1 && path[dir.length] == '/' && Arrays.equals(path, 0, dir.length, dir, 0, dir.length);
    }

    /** True if {@code path} is {@code dir} or lies below it. */
    public static boolean within(byte[] path, byte[] dir) {
        return Arrays.equals(path, dir) || below(path, dir);
    }

    /** {@code path}, which lies within {@code from}, moved to {@code to}. */
    public static byte[] rebase(byte[] path, byte[] from, byte[] to) {
        byte[] out = Arrays.copyOf(to, to.length + path.length - from.length);
        System.arraycopy(path, from.length, out, to.length, path.length - from.length);
        return out;
    }
}
