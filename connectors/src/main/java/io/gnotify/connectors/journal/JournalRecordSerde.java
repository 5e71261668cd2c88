package io.gnotify.connectors.journal;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Compact binary form of a {@link JournalRecord} for Flink serializers and state (position not kept). */
public final class JournalRecordSerde {
    private static final int HAS_ENTRY = 1;
    private static final int HAS_NEW_ENTRY = 2;
    private static final int HAS_DELETED_PATH = 4;
    private static final int HAS_MODE_OWNER = 8;

    private JournalRecordSerde() {}

    public static void write(JournalRecord r, DataOutput out) throws IOException {
        int flags = (r.name() != null ? HAS_ENTRY : 0) | (r.newName() != null ? HAS_NEW_ENTRY : 0)
                | (r.deletedPath() != null ? HAS_DELETED_PATH : 0)
                | (r.mode() != 0 || r.uid() != 0 || r.gid() != 0 ? HAS_MODE_OWNER : 0);
        out.writeByte(r.type().code());
        out.writeByte(flags);
        out.writeLong(r.gfidMsb());
        out.writeLong(r.gfidLsb());
        if (r.type() != RecordType.DATA) {
            out.writeByte(r.fopNumber());
        }
        if ((flags & HAS_MODE_OWNER) != 0) {
            out.writeInt(r.mode());
            out.writeInt(r.uid());
            out.writeInt(r.gid());
        }
        if ((flags & HAS_ENTRY) != 0) {
            out.writeLong(r.pgfidMsb());
            out.writeLong(r.pgfidLsb());
            writeBytes(r.name(), out);
        }
        if ((flags & HAS_NEW_ENTRY) != 0) {
            out.writeLong(r.newPgfidMsb());
            out.writeLong(r.newPgfidLsb());
            writeBytes(r.newName(), out);
        }
        if ((flags & HAS_DELETED_PATH) != 0) {
            writeBytes(r.deletedPath(), out);
        }
    }

    public static JournalRecord read(DataInput in) throws IOException {
        RecordType type = RecordType.ofCode(in.readByte());
        if (type == null) {
            throw new IOException("corrupt serialized journal record: bad type");
        }
        int flags = in.readByte();
        long msb = in.readLong();
        long lsb = in.readLong();
        int fop = type != RecordType.DATA ? in.readUnsignedByte() : -1;
        boolean modeOwner = (flags & HAS_MODE_OWNER) != 0;
        int mode = modeOwner ? in.readInt() : 0;
        int uid = modeOwner ? in.readInt() : 0;
        int gid = modeOwner ? in.readInt() : 0;
        boolean entry = (flags & HAS_ENTRY) != 0;
        long pMsb = entry ? in.readLong() : 0;
        long pLsb = entry ? in.readLong() : 0;
        byte[] name = entry ? readBytes(in) : null;
        boolean newEntry = (flags & HAS_NEW_ENTRY) != 0;
        long nMsb = newEntry ? in.readLong() : 0;
        long nLsb = newEntry ? in.readLong() : 0;
        byte[] newName = newEntry ? readBytes(in) : null;
        byte[] deletedPath = (flags & HAS_DELETED_PATH) != 0 ? readBytes(in) : null;
        // One object per record: the builder the read path used was not always optimised away (3 % of a run's allocation).
        return JournalRecord.of(type, msb, lsb, fop, mode, uid, gid, pMsb, pLsb, name, nMsb, nLsb, newName, deletedPath);
    }

    private static void writeBytes(byte[] b, DataOutput out) throws IOException {
        out.writeShort(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] b = new byte[in.readUnsignedShort()];
        in.readFully(b);
        return b;
    }
}
