package io.gnotify.job.manifest;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * AFR's hidden {@code .glusterfs-anonymous-inode-<volume-id>} directory at the volume root, which clients
 * never see. Self-heal moves a sink's stale entries into it (a RENAME to {@code <dir>/<own gfid>}), later
 * moves directories back out to where they now belong, and removes what is left. Its gfid is the volume id
 * with the lowest bit of the first byte flipped (AFR's rule), so it is known even when its creation
 * predates the journals read.
 */
public final class AnonymousInodeDir implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final byte[] PREFIX = ".glusterfs-anonymous-inode-".getBytes(StandardCharsets.US_ASCII);
    /** Without a volume id only the directory's creation is recognised (by its name). */
    public static final AnonymousInodeDir UNKNOWN = new AnonymousInodeDir(null);

    private final GfidKey gfid;

    private AnonymousInodeDir(GfidKey gfid) {
        this.gfid = gfid;
    }

    /** The directory of the volume with uuid {@code volumeId} ({@link #UNKNOWN} if it is blank or malformed). */
    public static AnonymousInodeDir ofVolume(String volumeId) {
        if (volumeId == null || volumeId.isBlank()) {
            return UNKNOWN;
        }
        try {
            long[] id = Gfid.parse(volumeId.trim());
            return new AnonymousInodeDir(new GfidKey(id[0] ^ (1L << 56), id[1]));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The directory's gfid, or {@code null} if unknown. */
    GfidKey gfid() {
        return gfid;
    }

    /**
     * True for entry records no client caused and no manifest shows: the directory's creation at the root,
     * and anything created, linked or removed inside it.
     */
    public boolean internal(JournalRecord r) {
        if (r.type() != RecordType.ENTRY || r.fop() == null) {
            return false;
        }
        Fop fop = r.fop();
        if ((fop == Fop.CREATE || fop == Fop.MKNOD || fop == Fop.MKDIR || fop == Fop.SYMLINK)
                && r.pgfidMsb() == GfidKey.ROOT.msb() && r.pgfidLsb() == GfidKey.ROOT.lsb()
                && PathBytes.startsWith(r.name(), PREFIX)) {
            return true;
        }
        return fop != Fop.RENAME && isDir(r.pgfidMsb(), r.pgfidLsb());
    }

    /** True for self-heal moving an entry aside into the directory: for clients, the old name is gone. */
    public boolean movedIn(JournalRecord r) {
        return r.type() == RecordType.ENTRY && r.fop() == Fop.RENAME && isDir(r.newPgfidMsb(), r.newPgfidLsb());
    }

    /** True for every record of AFR's own traffic through the directory: {@link #internal} and the renames into or out of it. */
    public boolean selfHeal(JournalRecord r) {
        return internal(r) || movedIn(r)
                || (r.type() == RecordType.ENTRY && r.fop() == Fop.RENAME && isDir(r.pgfidMsb(), r.pgfidLsb()));
    }

    private boolean isDir(long msb, long lsb) {
        return gfid != null && gfid.msb() == msb && gfid.lsb() == lsb;
    }
}
