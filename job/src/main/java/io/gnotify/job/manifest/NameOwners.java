package io.gnotify.job.manifest;

import java.io.Serializable;

/** Who holds a name on the live volume: used to settle name conflicts the journals cannot order. */
@FunctionalInterface
public interface NameOwners extends Serializable {
    /** The gfid at {@code path} (volume-relative) as the volume has it now; {@code null} if unknown. */
    GfidKey ownerOf(byte[] path, long journalSecond);
}
