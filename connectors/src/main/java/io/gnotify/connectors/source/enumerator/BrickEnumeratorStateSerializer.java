package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.source.split.BrickSplitSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serializer of {@link BrickEnumeratorState}; splits inside use the split serializer's version. */
public final class BrickEnumeratorStateSerializer implements SimpleVersionedSerializer<BrickEnumeratorState> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BrickEnumeratorState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBoolean(state.initialSplitsCreated());
        out.writeInt(BrickSplitSerializer.INSTANCE.getVersion());
        out.writeInt(state.unassigned().size());
        for (BrickSplit s : state.unassigned()) {
            byte[] b = BrickSplitSerializer.INSTANCE.serialize(s);
            out.writeInt(b.length);
            out.write(b);
        }
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public BrickEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("unknown brick enumerator state version " + version + " (this build reads " + VERSION + ")");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        boolean created = in.readBoolean();
        int splitVersion = in.readInt();
        int n = in.readInt();
        List<BrickSplit> splits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            splits.add(BrickSplitSerializer.INSTANCE.deserialize(splitVersion, b));
        }
        return new BrickEnumeratorState(splits, created);
    }
}
