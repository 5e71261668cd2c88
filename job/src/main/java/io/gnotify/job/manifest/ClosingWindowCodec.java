package io.gnotify.job.manifest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A closing window's header and commit time as bytes, for a checkpoint taken while its close is pending. */
final class ClosingWindowCodec {
    private static final int VERSION = 1;

    private ClosingWindowCodec() {}

    /** What a pending close needs besides its operations. */
    record Closing(ManifestWindow window, long commitAt) {}

    static byte[] encode(ManifestWindow w, long commitAt) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(w.volume());
            out.writeUTF(w.volumeId());
            out.writeLong(w.windowStart());
            out.writeLong(w.windowEnd());
            out.writeLong(w.seq());
            out.writeBoolean(w.full());
            writeNullable(out, w.prevSha256());
            out.writeInt(w.bricks().size());
            for (BrickWindowStatus b : w.bricks()) {
                out.writeUTF(b.brick());
                out.writeUTF(b.status());
                out.writeLong(b.firstJournal());
                out.writeLong(b.lastJournal());
            }
            out.writeBoolean(w.reconcileSince() != null);
            out.writeLong(w.reconcileSince() == null ? 0 : w.reconcileSince());
            out.writeLong(commitAt);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Closing decode(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            int version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("closing window state of version " + version + "; this build reads " + VERSION);
            }
            String volume = in.readUTF();
            String volumeId = in.readUTF();
            long start = in.readLong();
            long end = in.readLong();
            long seq = in.readLong();
            boolean full = in.readBoolean();
            String prev = in.readBoolean() ? in.readUTF() : null;
            int n = in.readInt();
            List<BrickWindowStatus> bricks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                bricks.add(new BrickWindowStatus(in.readUTF(), in.readUTF(), in.readLong(), in.readLong()));
            }
            boolean reconciles = in.readBoolean();
            long since = in.readLong();
            long commitAt = in.readLong();
            return new Closing(new ManifestWindow(volume, volumeId, start, end, seq, full, prev, List.copyOf(bricks),
                    reconciles ? since : null), commitAt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }
}
