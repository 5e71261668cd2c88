package io.gnotify.connectors.sink;

import io.gnotify.connectors.serialization.ImmutableSerializer;
import io.gnotify.connectors.serialization.SerializerTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link WindowFileLine}. */
public final class WindowFileLineSerializer extends ImmutableSerializer<WindowFileLine> {
    private static final long serialVersionUID = 1L;
    public static final WindowFileLineSerializer INSTANCE = new WindowFileLineSerializer();
    public static final SerializerTypeInfo<WindowFileLine> TYPE = new SerializerTypeInfo<>(WindowFileLine.class, INSTANCE);

    @Override
    public void serialize(WindowFileLine l, DataOutputView out) throws IOException {
        out.writeLong(l.windowEnd());
        out.writeUTF(l.file());
        out.writeInt(l.bytes().length);
        out.write(l.bytes());
    }

    @Override
    public WindowFileLine deserialize(DataInputView in) throws IOException {
        long end = in.readLong();
        String file = in.readUTF();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new WindowFileLine(end, file, b);
    }

    @Override
    public TypeSerializerSnapshot<WindowFileLine> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Serializer snapshot for state compatibility checks. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WindowFileLine> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
