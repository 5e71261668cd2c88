package io.gnotify.connectors.crawl;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Extended attributes of a path itself (never a symlink's target) through the C library, because Java NIO
 * only sees the {@code user.*} namespace and GlusterFS keeps gfids in {@code trusted.*} (root only).
 * Paths are raw bytes, so names that are not valid UTF-8 work.
 */
public final class Xattrs {
    private static final int ENODATA = 61;
    private static final int ENOTSUP = 95;

    /** The two calls used, bound lazily on first use. */
    interface LibC extends Library {
        long lgetxattr(byte[] path, String name, byte[] value, long size) throws LastErrorException;

        int lsetxattr(byte[] path, String name, byte[] value, long size, int flags) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private Xattrs() {}

    /** The attribute's value (at most {@code max} bytes), or {@code null} if the path does not have it. */
    public static byte[] get(byte[] path, String name, int max) {
        byte[] buf = new byte[max];
        try {
            long n = Holder.C.lgetxattr(cString(path), name, buf, buf.length);
            return java.util.Arrays.copyOf(buf, (int) n);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENODATA || e.getErrorCode() == ENOTSUP) {
                return null;
            }
            throw new IllegalStateException("getxattr " + name + " of " + new String(path, java.nio.charset.StandardCharsets.UTF_8)
                    + " failed: errno " + e.getErrorCode(), e);
        }
    }

    /** Sets the attribute (tests build brick backends with it). */
    public static void set(byte[] path, String name, byte[] value) {
        Holder.C.lsetxattr(cString(path), name, value, value.length, 0);
    }

    private static byte[] cString(byte[] path) {
        byte[] c = java.util.Arrays.copyOf(path, path.length + 1);
        c[path.length] = 0;
        return c;
    }
}
