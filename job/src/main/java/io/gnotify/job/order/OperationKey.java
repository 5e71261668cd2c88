package io.gnotify.job.order;

import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.source.BrickRecord;
import java.nio.ByteBuffer;
import org.apache.commons.codec.digest.MurmurHash3;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The content key of a copy: a 128-bit MurmurHash3 of (type, gfid, fop, mode, uid, gid, parent and name,
 * new parent and new name). Copies of one operation on replicas and subvolumes share it; the captured
 * delete path is left out because each brick resolves it on its own.
 */
public final class OperationKey implements KeySelector<BrickRecord, Tuple2<Long, Long>> {
    private static final long serialVersionUID = 1L;
    private static final int SEED = 0x676e6f74;

    @Override
    public Tuple2<Long, Long> getKey(BrickRecord r) {
        long[] h = of(r.record());
        return Tuple2.of(h[0], h[1]);
    }

    /** The two halves of the key. */
    public static long[] of(JournalRecord r) {
        byte[] name = r.name() == null ? new byte[0] : r.name();
        byte[] newName = r.newName() == null ? new byte[0] : r.newName();
        ByteBuffer b = ByteBuffer.allocate(1 + 16 + 4 + 12 + 16 + 2 + name.length + 16 + 2 + newName.length);
        b.put(r.type().code()).putLong(r.gfidMsb()).putLong(r.gfidLsb()).putInt(r.fopNumber());
        b.putInt(r.mode()).putInt(r.uid()).putInt(r.gid());
        b.putLong(r.pgfidMsb()).putLong(r.pgfidLsb()).putShort((short) (r.name() == null ? -1 : name.length)).put(name);
        b.putLong(r.newPgfidMsb()).putLong(r.newPgfidLsb()).putShort((short) (r.newName() == null ? -1 : newName.length))
                .put(newName);
        return MurmurHash3.hash128x64(b.array(), 0, b.position(), SEED);
    }
}
