package io.gnotify.job.manifest;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Turns a name into its volume-relative path (raw bytes, no leading slash) by walking parent directories
 * up to the root in one view of the namespace (the window's start or end). Returns {@code null} when an
 * ancestor is unknown, so callers can mark the entry unresolved instead of dropping it.
 */
public final class PathResolver {
    /** Deeper than any real tree; guards against a corrupt (cyclic) namespace. */
    private static final int MAX_DEPTH = 4096;

    private final Function<GfidKey, Inode> view;

    public PathResolver(Function<GfidKey, Inode> view) {
        this.view = view;
    }

    /** The path of {@code link}, or {@code null} if it cannot be resolved. */
    public byte[] path(Link link) {
        Deque<byte[]> parts = new ArrayDeque<>();
        parts.push(link.name());
        GfidKey dir = link.parent();
        for (int depth = 0; !dir.equals(GfidKey.ROOT); depth++) {
            Inode d = view.apply(dir);
            if (d == null || d.links().isEmpty() || depth > MAX_DEPTH) {
                return null;
            }
            Link up = d.links().get(0);
            parts.push(up.name());
            dir = up.parent();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean first = true;
        for (byte[] p : parts) {
            if (!first) {
                out.write('/');
            }
            out.write(p, 0, p.length);
            first = false;
        }
        return out.toByteArray();
    }
}
