package io.gnotify.connectors.journal;

import java.nio.ByteBuffer;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The content identity of a record: a 128-bit MurmurHash3 of (type, gfid, fop, mode, uid, gid, parent and
 * name, new parent and new name). Copies of one operation on replicas and subvolumes share it; the
 * captured delete path is left out because each brick resolves it on its own.
 */
public final class RecordIdentity {
    private static final int SEED = 0x676e6f74;
    /** Fixed part of the hashed bytes; names add up to 2 x 255. */
    private static final int FIXED = 1 + 16 + 4 + 12 + 16 + 2 + 16 + 2;
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(FIXED + 1024));

    private RecordIdentity() {}

    /** The two halves of the identity. */
    public static long[] of(JournalRecord r) {
        byte[] name = r.name() == null ? new byte[0] : r.name();
        byte[] newName = r.newName() == null ? new byte[0] : r.newName();
        int size = FIXED + name.length + newName.length;
        ByteBuffer b = size <= FIXED + 1024 ? BUFFER.get().clear() : ByteBuffer.allocate(size);
        b.put(r.type().code()).putLong(r.gfidMsb()).putLong(r.gfidLsb()).putInt(r.fopNumber());
        b.putInt(r.mode()).putInt(r.uid()).putInt(r.gid());
        b.putLong(r.pgfidMsb()).putLong(r.pgfidLsb()).putShort((short) (r.name() == null ? -1 : name.length)).put(name);
        b.putLong(r.newPgfidMsb()).putLong(r.newPgfidLsb()).putShort((short) (r.newName() == null ? -1 : newName.length))
                .put(newName);
        return MurmurHash3.hash128x64(b.array(), 0, b.position(), SEED);
    }
}
