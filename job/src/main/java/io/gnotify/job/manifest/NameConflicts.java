package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds names given twice by operations that no common brick orders (a create and a rename onto the same
 * name on different subvolumes) within one rollover interval of each other, in one window or across the
 * boundary with the windows before: their journals overlap in time, so the volume order between them is a
 * guess. When a lookup is available the live volume settles who holds the name; the counts say how often
 * that happened.
 */
final class NameConflicts {
    private final NameOwners owners;
    private final RolloverSpacing spacing;
    /** Per name given in this window: the second and the bricks of the operation that gave it. */
    private final Map<Link, RecentNames.Giver> givenBy = new HashMap<>();
    /** The names given within a rollover interval before this window. */
    private final RecentNames earlier;
    private long resolved;
    private long unresolved;
    private long acrossWindows;

    /**
     * {@code owners}: the live lookup, or {@code null} to keep the journal order and count the conflicts;
     * {@code spacing}: the bricks' rollover interval, within which two journal seconds do not order anything;
     * {@code earlier}: the names the windows before gave within that interval of this window's start.
     */
    NameConflicts(NameOwners owners, RolloverSpacing spacing, RecentNames earlier) {
        this.owners = owners;
        this.spacing = spacing;
        this.earlier = earlier;
    }

    /** Records that {@code e} gave {@code link} to its inode. */
    void given(Link link, VolumeEvent e) {
        givenBy.put(link, new RecentNames.Giver(e.journalTs(), e.bricks()));
    }

    /** The names the next window, starting at {@code nextStart}, must check its operations against. */
    RecentNames carry(long nextStart) {
        return earlier.then(givenBy, nextStart - spacing.span());
    }

    /**
     * True if {@code e} takes {@code link} from an inode that got it from unrelated bricks within one rollover
     * interval (the same second when no interval is known yet).
     */
    boolean unordered(Link link, VolumeEvent e) {
        RecentNames.Giver before = givenBy.get(link);
        boolean carried = before == null;
        if (carried) {
            before = earlier.get(link);
        }
        boolean unordered = before != null && Math.abs(e.journalTs() - before.journalTs()) <= spacing.span()
                && disjoint(before.bricks(), e.bricks());
        if (unordered && carried) {
            acrossWindows++;
        }
        return unordered;
    }

    /**
     * Settles a conflict over {@code path}: true if the live volume shows the previous holder {@code earlier}
     * (so the later-applied operation really came first), false to keep the applied order.
     */
    boolean earlierHolderWins(byte[] path, GfidKey earlier, GfidKey later, long second) {
        GfidKey live = owners == null || path == null ? null : owners.ownerOf(path, second);
        if (earlier.equals(live)) {
            resolved++;
            return true;
        }
        if (later.equals(live)) {
            resolved++;
        } else {
            unresolved++;
        }
        return false;
    }

    long resolved() {
        return resolved;
    }

    long unresolved() {
        return unresolved;
    }

    /** How many of the conflicts were with a name given in an earlier window. */
    long acrossWindows() {
        return acrossWindows;
    }

    private static boolean disjoint(int[] a, int[] b) {
        for (int x : a) {
            for (int y : b) {
                if (x == y) {
                    return false;
                }
            }
        }
        return true;
    }
}
