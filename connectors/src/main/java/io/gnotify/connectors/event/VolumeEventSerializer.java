package io.gnotify.connectors.event;

import io.gnotify.connectors.journal.JournalRecordSerde;
import io.gnotify.connectors.serialization.ImmutableSerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import io.gnotify.connectors.source.RolloverKind;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Compact Flink serializer for {@link VolumeEvent}. */
public final class VolumeEventSerializer extends ImmutableSerializer<VolumeEvent> {
    private static final long serialVersionUID = 1L;
    public static final VolumeEventSerializer INSTANCE = new VolumeEventSerializer();
    /** The type information to give Flink for {@link VolumeEvent} streams and state. */
    public static final SerializerTypeInfo<VolumeEvent> TYPE = new SerializerTypeInfo<>(VolumeEvent.class, INSTANCE);

    @Override
    public void serialize(VolumeEvent e, DataOutputView out) throws IOException {
        out.writeLong(e.seq());
        out.writeLong(e.journalTs());
        out.writeShort(e.brick());
        out.writeByte(e.isOperation() ? 0 : 1 + e.rollover().ordinal());
        if (!e.isOperation()) {
            return;
        }
        out.writeLong(e.offset());
        out.writeShort(e.brickCount());
        for (int i = 0; i < e.brickCount(); i++) {
            out.writeShort(e.brickAt(i));
        }
        JournalRecordSerde.write(e.record(), out);
    }

    @Override
    public VolumeEvent deserialize(DataInputView in) throws IOException {
        long seq = in.readLong();
        long ts = in.readLong();
        int brick = in.readUnsignedShort();
        int marker = in.readUnsignedByte();
        if (marker > 0) {
            return VolumeEvent.rollover(ts, brick, RolloverKind.values()[marker - 1]);
        }
        long offset = in.readLong();
        int[] bricks = new int[in.readUnsignedShort()];
        for (int i = 0; i < bricks.length; i++) {
            bricks[i] = in.readUnsignedShort();
        }
        return new VolumeEvent(seq, ts, brick, offset, bricks, JournalRecordSerde.read(in));
    }

    @Override
    public TypeSerializerSnapshot<VolumeEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for state compatibility checks. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<VolumeEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
