package io.gnotify.job.manifest;

import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.serialization.LongPairKey;

/** A gfid as a value (map keys, state keys). */
public record GfidKey(long msb, long lsb) implements Comparable<GfidKey>, LongPairKey {
    /** The volume root. */
    public static final GfidKey ROOT = new GfidKey(Gfid.ROOT_MSB, Gfid.ROOT_LSB);

    /** Unsigned-agnostic numeric order of (msb, lsb): any fixed order serves, it only has to be the same on every run. */
    @Override
    public int compareTo(GfidKey o) {
        return compare(msb, lsb, o.msb, o.lsb);
    }

    /** The order of {@link #compareTo} on the halves of two gfids, for callers that keep them inline. */
    static int compare(long msb, long lsb, long otherMsb, long otherLsb) {
        int c = Long.compare(msb, otherMsb);
        return c != 0 ? c : Long.compare(lsb, otherLsb);
    }

    // Written out: the generated record methods go through method handles, which the JIT did not always
    // inline in the manifest stage's hash lookups (a tenth of its time). Same values as the generated ones.
    @Override
    public boolean equals(Object o) {
        return o instanceof GfidKey k && k.msb == msb && k.lsb == lsb;
    }

    @Override
    public int hashCode() {
        return LongPairKey.hash(msb, lsb);
    }

    @Override
    public long high() {
        return msb;
    }

    @Override
    public long low() {
        return lsb;
    }

    @Override
    public String toString() {
        return Gfid.toString(msb, lsb);
    }
}
