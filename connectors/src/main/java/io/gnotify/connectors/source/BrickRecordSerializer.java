package io.gnotify.connectors.source;

import io.gnotify.connectors.journal.JournalRecordSerde;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Compact Flink serializer for {@link BrickRecord} (no Kryo). */
public final class BrickRecordSerializer extends TypeSerializerSingleton<BrickRecord> {
    private static final long serialVersionUID = 1L;
    public static final BrickRecordSerializer INSTANCE = new BrickRecordSerializer();

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public BrickRecord createInstance() {
        return null;
    }

    @Override
    public BrickRecord copy(BrickRecord from) {
        return from;
    }

    @Override
    public BrickRecord copy(BrickRecord from, BrickRecord reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(BrickRecord r, DataOutputView out) throws IOException {
        out.writeShort(r.brick());
        out.writeShort(r.subvolume());
        out.writeLong(r.journalTs());
        out.writeLong(r.offset());
        JournalRecordSerde.write(r.record(), out);
    }

    @Override
    public BrickRecord deserialize(DataInputView in) throws IOException {
        return new BrickRecord(in.readUnsignedShort(), in.readUnsignedShort(), in.readLong(), in.readLong(),
                JournalRecordSerde.read(in));
    }

    @Override
    public BrickRecord deserialize(BrickRecord reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
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
