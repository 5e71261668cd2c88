package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns one inode's lost and gained names into manifest entries: pairs of them (by path order) are RENAMEs,
 * the rest NEW or DELETE, and a data or metadata change is a MODIFY or META for every name it kept (renamed
 * ones under their new path). Shared by the window diff and the merge, so both spell a change alike.
 */
final class NameChanges {
    private static final Comparator<byte[]> BY_PATH = Comparator.nullsLast(Arrays::compareUnsigned);

    private NameChanges() {}

    /**
     * {@code lost}: paths at the start (null: unresolvable); {@code gained}: paths at the end; {@code change}:
     * MODIFY, META or {@code null}; {@code kept}: the end paths of the names it kept, asked only for a change.
     */
    static void emit(GfidKey g, FileType type, List<byte[]> lost, List<byte[]> gained, ManifestEntry.Op change,
            Supplier<List<byte[]>> kept, List<ManifestEntry> out) {
        lost.sort(BY_PATH);
        gained.sort(BY_PATH);
        int renames = Math.min(lost.size(), gained.size());
        for (int i = 0; i < renames; i++) {
            out.add(new ManifestEntry(ManifestEntry.Op.RENAME, g, type, gained.get(i), lost.get(i)));
        }
        for (byte[] p : gained.subList(renames, gained.size())) {
            out.add(new ManifestEntry(ManifestEntry.Op.NEW, g, type, p, null));
        }
        for (byte[] p : lost.subList(renames, lost.size())) {
            out.add(new ManifestEntry(ManifestEntry.Op.DELETE, g, type, p, null));
        }
        if (change == null) {
            return;
        }
        List<byte[]> refreshed = new ArrayList<>(kept.get());
        refreshed.addAll(gained.subList(0, renames));
        refreshed.sort(BY_PATH);
        for (byte[] p : refreshed) {
            out.add(new ManifestEntry(change, g, type, p, null));
        }
    }
}
