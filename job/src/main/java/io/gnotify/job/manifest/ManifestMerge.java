package io.gnotify.job.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes consecutive manifests into one with the same diff semantics, as if one window had covered them
 * all: per inode, its names at the first window's start against its names at the last window's end, with
 * directory renames carrying the names below them (which have no entries of their own) forward and back.
 */
public final class ManifestMerge {
    /** What the merge knows of one inode: names at the merged start and now, and what changed. */
    private static final class Composite {
        FileType type;
        final List<byte[]> startNames = new ArrayList<>();
        final List<byte[]> names = new ArrayList<>();
        boolean data;
        boolean metadata;
    }

    /** One directory rename of one window: names strictly below {@code from} move below {@code to}. */
    private record Move(GfidKey gfid, byte[] from, byte[] to) {}

    private final Map<GfidKey, Composite> inodes = new LinkedHashMap<>();
    /** The directory renames of every window merged so far, window by window. */
    private final List<List<Move>> moves = new ArrayList<>();

    /** Adds the next window (windows must come in chain order). */
    public void add(List<ManifestEntry> window) {
        List<Move> here = new ArrayList<>();
        for (ManifestEntry e : window) {
            if (e.op() == ManifestEntry.Op.RENAME && e.type() == FileType.DIR && e.path() != null && e.oldPath() != null) {
                here.add(new Move(e.gfid(), e.oldPath(), e.path()));
            }
        }
        // Names known from earlier windows, carried to this window's end by its directory renames.
        for (Composite c : inodes.values()) {
            c.names.replaceAll(n -> forward(n, here));
        }
        for (ManifestEntry e : window) {
            if (e.unresolved()) {
                continue;
            }
            Composite c = inodes.computeIfAbsent(e.gfid(), g -> new Composite());
            byte[] startHere = switch (e.op()) {
                case DELETE -> e.path();
                case RENAME -> e.oldPath();
                case MODIFY, META -> backward(e.path(), here);
                default -> null;
            };
            if (startHere != null && !contains(c.names, forward(startHere, here))) {
                // A name the inode had before the merged windows and that none of them mentioned yet.
                byte[] start = startHere;
                for (int i = moves.size() - 1; i >= 0; i--) {
                    start = backward(start, moves.get(i));
                }
                c.startNames.add(start);
                c.names.add(forward(startHere, here));
            }
            c.type = e.type();
            switch (e.op()) {
                case NEW -> c.names.add(e.path());
                case DELETE -> remove(c.names, forward(e.path(), here));
                case RENAME -> {
                    remove(c.names, forward(e.oldPath(), here));
                    c.names.add(e.path());
                }
                case MODIFY -> c.data = true;
                case META -> c.metadata = true;
                default -> throw new IllegalStateException("unknown op " + e.op());
            }
        }
        moves.add(here);
    }

    /** The merged diff, in replay order. */
    public List<ManifestEntry> entries() {
        List<ManifestEntry> out = new ArrayList<>();
        List<GfidKey> gfids = new ArrayList<>(inodes.keySet());
        gfids.sort(Comparator.comparingLong(GfidKey::msb).thenComparingLong(GfidKey::lsb));
        for (GfidKey g : gfids) {
            Composite c = inodes.get(g);
            List<byte[]> removed = new ArrayList<>();
            Map<String, byte[]> kept = new HashMap<>();
            for (byte[] s : c.startNames) {
                byte[] now = s;
                for (List<Move> w : moves) {
                    now = forwardExcept(now, w, g);
                }
                if (contains(c.names, now)) {
                    kept.put(key(now), now);
                } else {
                    removed.add(s);
                }
            }
            List<byte[]> added = new ArrayList<>();
            for (byte[] n : c.names) {
                if (!kept.containsKey(key(n))) {
                    added.add(n);
                }
            }
            boolean bothEnds = !c.startNames.isEmpty() && !c.names.isEmpty();
            ManifestEntry.Op change = !bothEnds ? null : c.data ? ManifestEntry.Op.MODIFY
                    : c.metadata ? ManifestEntry.Op.META : null;
            NameChanges.emit(g, c.type, removed, added, change, () -> new ArrayList<>(kept.values()), out);
        }
        return ReplayPlan.entryOrder(out);
    }

    /** {@code path} after the window's directory renames (only names strictly below a renamed directory move). */
    private static byte[] forward(byte[] path, List<Move> window) {
        return forwardExcept(path, window, null);
    }

    private static byte[] forwardExcept(byte[] path, List<Move> window, GfidKey self) {
        Move best = null;
        for (Move m : window) {
            if (!m.gfid().equals(self) && PathBytes.below(path, m.from()) && (best == null || m.from().length > best.from().length)) {
                best = m;
            }
        }
        return best == null ? path : PathBytes.rebase(path, best.from(), best.to());
    }

    /** {@code path} (as at the window's end) as it was at the window's start. */
    private static byte[] backward(byte[] path, List<Move> window) {
        Move best = null;
        for (Move m : window) {
            if (PathBytes.below(path, m.to()) && (best == null || m.to().length > best.to().length)) {
                best = m;
            }
        }
        return best == null ? path : PathBytes.rebase(path, best.to(), best.from());
    }

    private static void remove(List<byte[]> names, byte[] name) {
        names.removeIf(n -> Arrays.equals(n, name));
    }

    private static boolean contains(List<byte[]> names, byte[] name) {
        return names.stream().anyMatch(n -> Arrays.equals(n, name));
    }

    private static String key(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
