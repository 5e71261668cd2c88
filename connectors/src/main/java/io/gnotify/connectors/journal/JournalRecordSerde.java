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
        JournalRecord.Builder b = JournalRecord.builder(type, in.readLong(), in.readLong());
        if (type != RecordType.DATA) {
            b.fop(in.readUnsignedByte());
        }
        if ((flags & HAS_MODE_OWNER) != 0) {
            b.modeOwner(in.readInt(), in.readInt(), in.readInt());
        }
        if ((flags & HAS_ENTRY) != 0) {
            b.entry(in.readLong(), in.readLong(), readBytes(in));
        }
        if ((flags & HAS_NEW_ENTRY) != 0) {
            b.newEntry(in.readLong(), in.readLong(), readBytes(in));
        }
        if ((flags & HAS_DELETED_PATH) != 0) {
            b.deletedPath(readBytes(in));
        }
        return b.build();
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
