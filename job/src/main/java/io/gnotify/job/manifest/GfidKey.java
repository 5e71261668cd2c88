package io.gnotify.job.manifest;

import io.gnotify.connectors.journal.Gfid;

/** A gfid as a value (map keys, state keys). */
public record GfidKey(long msb, long lsb) implements Comparable<GfidKey> {
    /** The volume root. */
    public static final GfidKey ROOT = new GfidKey(Gfid.ROOT_MSB, Gfid.ROOT_LSB);

    /** Unsigned-agnostic numeric order of (msb, lsb): any fixed order serves, it only has to be the same on every run. */
    @Override
    public int compareTo(GfidKey o) {
        int c = Long.compare(msb, o.msb);
        return c != 0 ? c : Long.compare(lsb, o.lsb);
    }

    @Override
    public String toString() {
        return Gfid.toString(msb, lsb);
    }
}
