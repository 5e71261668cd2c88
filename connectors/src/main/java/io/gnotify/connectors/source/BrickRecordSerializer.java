package io.gnotify.connectors.source;

import io.gnotify.connectors.journal.JournalRecordSerde;
import io.gnotify.connectors.serialization.ImmutableSerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Compact Flink serializer for {@link BrickRecord} (no Kryo); a rollover marker is brick, time and kind. */
public final class BrickRecordSerializer extends ImmutableSerializer<BrickRecord> {
    private static final long serialVersionUID = 1L;
    public static final BrickRecordSerializer INSTANCE = new BrickRecordSerializer();
    /** The type information to give Flink for {@link BrickRecord} streams and state. */
    public static final SerializerTypeInfo<BrickRecord> TYPE = new SerializerTypeInfo<>(BrickRecord.class, INSTANCE);

    @Override
    public void serialize(BrickRecord r, DataOutputView out) throws IOException {
        out.writeShort(r.brick());
        out.writeShort(r.subvolume());
        out.writeLong(r.journalTs());
        out.writeByte(r.isRollover() ? 1 + r.rollover().ordinal() : 0);
        if (r.isRollover()) {
            return;
        }
        out.writeLong(r.offset());
        out.writeLong(r.identityHi());
        out.writeLong(r.identityLo());
        JournalRecordSerde.write(r.record(), out);
    }

    @Override
    public BrickRecord deserialize(DataInputView in) throws IOException {
        int brick = in.readUnsignedShort();
        int subvolume = in.readUnsignedShort();
        long ts = in.readLong();
        int marker = in.readUnsignedByte();
        if (marker > 0) {
            return BrickRecord.rollover(brick, subvolume, ts, RolloverKind.values()[marker - 1]);
        }
        long offset = in.readLong();
        long hi = in.readLong();
        long lo = in.readLong();
        return new BrickRecord(brick, subvolume, ts, offset, JournalRecordSerde.read(in), hi, lo);
    }

    @Override
    public TypeSerializerSnapshot<BrickRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for state compatibility checks. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<BrickRecord> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
