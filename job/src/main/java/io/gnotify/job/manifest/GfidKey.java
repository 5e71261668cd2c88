package io.gnotify.job.manifest;

import io.gnotify.connectors.journal.Gfid;

/** A gfid as a value (map keys, state keys). */
public record GfidKey(long msb, long lsb) {
    /** The volume root. */
    public static final GfidKey ROOT = new GfidKey(Gfid.ROOT_MSB, Gfid.ROOT_LSB);

    @Override
    public String toString() {
        return Gfid.toString(msb, lsb);
    }
}
