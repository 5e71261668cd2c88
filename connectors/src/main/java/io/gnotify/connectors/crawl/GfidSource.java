package io.gnotify.connectors.crawl;

import io.gnotify.connectors.journal.Gfid;
import java.nio.charset.StandardCharsets;

/**
 * Where a crawl reads an entry's gfid: a brick backend keeps it raw in {@code trusted.gfid} (and one more hard
 * link per file under {@code .glusterfs}), a FUSE mount of the volume answers {@code glusterfs.gfid.string}.
 */
public enum GfidSource {
    BRICK("trusted.gfid", 1),
    MOUNT("glusterfs.gfid.string", 0);

    private final String attribute;
    private final int hiddenLinks;

    GfidSource(String attribute, int hiddenLinks) {
        this.attribute = attribute;
        this.hiddenLinks = hiddenLinks;
    }

    /** The attribute read. */
    public String attribute() {
        return attribute;
    }

    /** Hard links of a regular file that are not names in the volume (the brick's {@code .glusterfs} one). */
    int hiddenLinks() {
        return hiddenLinks;
    }

    /** The gfid of the entry at {@code path} as two longs, or {@code null} if it has none that can be read. */
    public long[] gfid(byte[] path) {
        if (this == BRICK) {
            byte[] raw = Xattrs.get(path, attribute, 16);
            return raw == null || raw.length != 16 ? null : new long[] {Gfid.rawMsb(raw, 0), Gfid.rawLsb(raw, 0)};
        }
        byte[] text;
        try {
            text = Xattrs.get(path, attribute, 64);
        } catch (IllegalStateException e) {
            return null; // gone since (ENOENT), or not a GlusterFS mount
        }
        if (text == null) {
            return null;
        }
        try {
            return Gfid.parse(new String(text, StandardCharsets.US_ASCII).replace("\0", "").trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
