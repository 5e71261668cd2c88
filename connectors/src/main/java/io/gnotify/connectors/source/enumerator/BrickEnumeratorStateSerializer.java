package io.gnotify.connectors.source.enumerator;

import io.gnotify.connectors.serialization.VersionedSerializer;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.source.split.BrickSplitSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Versioned serializer of {@link BrickEnumeratorState}; splits inside use the split serializer's version. */
public final class BrickEnumeratorStateSerializer extends VersionedSerializer<BrickEnumeratorState> {
    public BrickEnumeratorStateSerializer() {
        super("brick enumerator state", 1);
    }

    @Override
    protected void write(BrickEnumeratorState state, DataOutputStream out) throws IOException {
        out.writeBoolean(state.initialSplitsCreated());
        out.writeInt(BrickSplitSerializer.INSTANCE.getVersion());
        out.writeInt(state.unassigned().size());
        for (BrickSplit s : state.unassigned()) {
            byte[] b = BrickSplitSerializer.INSTANCE.serialize(s);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    @Override
    protected BrickEnumeratorState read(DataInputStream in) throws IOException {
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
