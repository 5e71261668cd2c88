package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a name into its volume-relative path (raw bytes, no leading slash) by walking parent directories
 * up to the root in one view of the namespace (the window's start or end). Returns {@code null} when an
 * ancestor is unknown, so callers can mark the entry unresolved instead of dropping it. Directory paths are
 * remembered, so a view must not change while its resolver is in use.
 */
public final class PathResolver {
    /** Deeper than any real tree; guards against a corrupt (cyclic) namespace. */
    private static final int MAX_DEPTH = 4096;
    /** Remembered for a directory whose path cannot be resolved. */
    private static final byte[] UNRESOLVED = new byte[0];

    private final Function<GfidKey, Inode> view;
    private final Map<GfidKey, byte[]> directories = new HashMap<>();

    public PathResolver(Function<GfidKey, Inode> view) {
        this.view = view;
    }

    /** The path of {@code link}, or {@code null} if it cannot be resolved. */
    public byte[] path(Link link) {
        if (link.parent().equals(GfidKey.ROOT)) {
            return link.name().clone();
        }
        byte[] dir = directory(link.parent());
        return dir == null ? null : join(dir, link.name());
    }

    /** Whether {@code link} has a path in this view (as {@code path(link) != null}, without building it). */
    public boolean resolves(Link link) {
        return link.parent().equals(GfidKey.ROOT) || directory(link.parent()) != null;
    }

    /**
     * The directories from {@code link}'s parent up to the first this view cannot place (unknown, or without a
     * name), that one included; empty if the link has a path (or none ever: a cycle). Not remembered: only names
     * without a path ask.
     */
    public List<GfidKey> unplacedChain(Link link) {
        List<GfidKey> chain = new ArrayList<>();
        for (GfidKey at = link.parent(); !at.equals(GfidKey.ROOT) && chain.size() <= MAX_DEPTH; ) {
            chain.add(at);
            Inode d = view.apply(at);
            if (d == null || d.links().isEmpty()) {
                return chain;
            }
            at = d.links().get(0).parent();
        }
        return List.of(); // the root, or a cycle (a corrupt namespace), which no window will place
    }

    /** The path of directory {@code g} (not the root), or {@code null}. */
    private byte[] directory(GfidKey g) {
        // Walks up until a remembered directory, the root or a gap; the lists exist only once a walk is needed.
        List<GfidKey> chain = null;
        List<byte[]> names = null;
        byte[] base = null;
        GfidKey at = g;
        while (true) {
            byte[] known = directories.get(at);
            if (known != null) {
                base = known;
                break;
            }
            Inode d = view.apply(at);
            if (d == null || d.links().isEmpty() || (chain != null && chain.size() > MAX_DEPTH)) {
                base = UNRESOLVED;
                break;
            }
            if (chain == null) {
                chain = new ArrayList<>();
                names = new ArrayList<>();
            }
            chain.add(at);
            names.add(d.links().get(0).name());
            GfidKey up = d.links().get(0).parent();
            if (up.equals(GfidKey.ROOT)) {
                break;
            }
            at = up;
        }
        // Build down from the highest directory of the chain, remembering each path (or that it has none).
        for (int i = chain == null ? -1 : chain.size() - 1; i >= 0; i--) {
            byte[] name = names.get(i);
            base = base == UNRESOLVED ? UNRESOLVED : base == null ? name.clone() : join(base, name);
            directories.put(chain.get(i), base);
        }
        return base == UNRESOLVED ? null : base;
    }

    private static byte[] join(byte[] dir, byte[] name) {
        byte[] out = new byte[dir.length + 1 + name.length];
        System.arraycopy(dir, 0, out, 0, dir.length);
        out[dir.length] = '/';
        System.arraycopy(name, 0, out, dir.length + 1, name.length);
        return out;
    }
}
