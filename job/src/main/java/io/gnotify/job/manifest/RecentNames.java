package io.gnotify.job.manifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The names given within the last rollover interval before a window starts, each with the journal second and
 * bricks of the operation that gave it: carried into that window, so that a name conflict between subvolumes
 * whose journals fall on either side of a window boundary is found as one inside a window.
 */
final class RecentNames {
    static final RecentNames NONE = new RecentNames(Map.of());

    /** The operation that gave a name: its journal second and the bricks that logged it. */
    record Giver(long journalTs, int[] bricks) {}

    private final Map<Link, Giver> byName;

    private RecentNames(Map<Link, Giver> byName) {
        this.byName = byName;
    }

    /** Who gave {@code link}, or {@code null}. */
    Giver get(Link link) {
        return byName.get(link);
    }

    int size() {
        return byName.size();
    }

    /** These names updated by {@code later} (names given after them), keeping those given at or after {@code since}. */
    RecentNames then(Map<Link, Giver> later, long since) {
        Map<Link, Giver> kept = new HashMap<>();
        byName.forEach((link, g) -> keep(kept, link, g, since));
        later.forEach((link, g) -> keep(kept, link, g, since));
        return kept.isEmpty() ? NONE : new RecentNames(kept);
    }

    private static void keep(Map<Link, Giver> kept, Link link, Giver g, long since) {
        if (g.journalTs() >= since) {
            kept.put(link, g);
        } else {
            kept.remove(link);
        }
    }

    /** The names as bytes for operator state, in name order (so equal sets encode equally). */
    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(byName.size());
            for (Map.Entry<Link, Giver> e : new TreeMap<>(byName).entrySet()) {
                out.writeLong(e.getKey().parent().msb());
                out.writeLong(e.getKey().parent().lsb());
                out.writeInt(e.getKey().name().length);
                out.write(e.getKey().name());
                out.writeLong(e.getValue().journalTs());
                out.writeInt(e.getValue().bricks().length);
                for (int b : e.getValue().bricks()) {
                    out.writeInt(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The names {@link #encode()} wrote. */
    static RecentNames decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int n = in.readInt();
            Map<Link, Giver> byName = new HashMap<>();
            for (int i = 0; i < n; i++) {
                GfidKey parent = new GfidKey(in.readLong(), in.readLong());
                byte[] name = in.readNBytes(in.readInt());
                long ts = in.readLong();
                int[] bricks = new int[in.readInt()];
                for (int j = 0; j < bricks.length; j++) {
                    bricks[j] = in.readInt();
                }
                byName.put(new Link(parent, name), new Giver(ts, bricks));
            }
            return n == 0 ? NONE : new RecentNames(byName);
        } catch (IOException e) {
            throw new UncheckedIOException("the manifest stage's recent names in its state are damaged", e);
        }
    }
}
