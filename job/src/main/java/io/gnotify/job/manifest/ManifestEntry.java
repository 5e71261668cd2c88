package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a manifest: the change ({@code NEW}, {@code DELETE}, {@code RENAME}, {@code MODIFY},
 * {@code META}), the inode, its type, and its path (for RENAME also the old path). Paths are raw bytes;
 * {@code null} means the path could not be resolved (the entry is kept, with its gfid).
 */
public record ManifestEntry(Op op, GfidKey gfid, FileType type, byte[] path, byte[] oldPath) {

    /** The kinds of change, in the manifest's spelling. */
    public enum Op { NEW, DELETE, RENAME, MODIFY, META }

    /** How many entries of each op (every op present, zeros included). */
    public static java.util.EnumMap<Op, Integer> countByOp(java.util.List<ManifestEntry> entries) {
        java.util.EnumMap<Op, Integer> counts = new java.util.EnumMap<>(Op.class);
        for (Op op : Op.values()) {
            counts.put(op, 0);
        }
        entries.forEach(e -> counts.merge(e.op(), 1, Integer::sum));
        return counts;
    }

    /** True when a path of the entry could not be resolved (the manifest marks it {@code "unresolved": true}). */
    public boolean unresolved() {
        return path == null || (op == Op.RENAME && oldPath == null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestEntry e && e.op == op && e.gfid.equals(gfid) && e.type == type
                && Arrays.equals(e.path, path) && Arrays.equals(e.oldPath, oldPath);
    }

    @Override
    public int hashCode() {
        return ((op.hashCode() * 31 + gfid.hashCode()) * 31 + Arrays.hashCode(path)) * 31 + Arrays.hashCode(oldPath);
    }

    @Override
    public String toString() {
        return op + " " + (oldPath == null ? "" : text(oldPath) + " -> ") + text(path) + " (" + type.label() + ")";
    }

    private static String text(byte[] b) {
        return b == null ? "<unresolved>" : new String(b, StandardCharsets.UTF_8);
    }
}
