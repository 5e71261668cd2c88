package io.gnotify.job.order;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.connectors.volume.Brick;
import io.gnotify.connectors.volume.VolumeInfo;
import java.io.Serializable;

/**
 * Which bricks log every copy of an operation, where the record alone tells: a directory created or
 * removed is logged on every brick; a file created, linked or symlinked on every brick of its replica set
 * (arbiters included); a data change on the set's data bricks. Renames and metadata changes may be of
 * files or directories, and an UNLINK can also be logged on a second subvolume (DHT removing a linkto
 * entry: 28 of 542 unlinks in the dist2 fixture), so those have no expectation. When all expected bricks have logged an operation, no copy of it can still
 * come and its dedup state can go at once.
 */
public final class CopyExpectation implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] subvolumeOf;
    private final boolean[] arbiter;
    /** {@link #replicasOf} per brick, computed on first use (the heal check asks for every suspect copy). */
    private transient int[][] replicas;
    private transient int[][] dataReplicas;

    private CopyExpectation(int[] subvolumeOf, boolean[] arbiter) {
        this.subvolumeOf = subvolumeOf;
        this.arbiter = arbiter;
    }

    public static CopyExpectation of(VolumeInfo volume) {
        int n = volume.bricks().size();
        int[] sub = new int[n];
        boolean[] arb = new boolean[n];
        for (Brick b : volume.bricks()) {
            sub[b.index()] = b.subvolume();
            arb[b.index()] = b.arbiter();
        }
        return new CopyExpectation(sub, arb);
    }

    /**
     * True if every brick expected to log {@code r} (logged on {@code repBrick}) has a count equal to
     * {@code emitted} in {@code counts}, and no other brick has any.
     */
    boolean complete(JournalRecord r, int repBrick, DedupCounts counts) {
        Fop fop = r.fop();
        boolean everyBrick;
        boolean dataOnly = false;
        if (r.type() == RecordType.DATA) {
            everyBrick = false;
            dataOnly = true;
        } else if (fop == Fop.MKDIR || fop == Fop.RMDIR) {
            everyBrick = true;
        } else if (fop == Fop.CREATE || fop == Fop.MKNOD || fop == Fop.SYMLINK || fop == Fop.LINK) {
            everyBrick = false;
        } else {
            return false;
        }
        int subvolume = subvolumeOf[repBrick];
        long emitted = counts.emitted();
        for (int b = 0; b < subvolumeOf.length; b++) {
            boolean expected = (everyBrick || subvolumeOf[b] == subvolume) && !(dataOnly && arbiter[b]);
            long seen = counts.count(b);
            if (expected ? seen != emitted : seen != 0) {
                return false;
            }
        }
        return true;
    }

    /** The other bricks of {@code brick}'s replica set; with {@code dataOnly}, without arbiters. Do not modify. */
    int[] replicasOf(int brick, boolean dataOnly) {
        int[][] sets = dataOnly ? dataReplicas : replicas;
        if (sets == null) {
            sets = new int[subvolumeOf.length][];
            for (int b = 0; b < sets.length; b++) {
                int self = b;
                sets[b] = java.util.stream.IntStream.range(0, subvolumeOf.length)
                        .filter(o -> o != self && subvolumeOf[o] == subvolumeOf[self] && !(dataOnly && arbiter[o])).toArray();
            }
            if (dataOnly) {
                dataReplicas = sets;
            } else {
                replicas = sets;
            }
        }
        return sets[brick];
    }

    /** True if bricks {@code a} and {@code b} are replicas of one subvolume. */
    boolean sameSubvolume(int a, int b) {
        return subvolumeOf[a] == subvolumeOf[b];
    }
}
