package io.gnotify.job.manifest;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.event.VolumeEventSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The open window's operations, serialized into 1 MB chunks as they arrive: what a checkpoint stores so a
 * restore can replay them. A few large byte arrays instead of an object per operation keep the collector's
 * work small while a window is open.
 */
final class WindowEventLog {
    private static final int CHUNK = 1 << 20;

    /** Full chunks, kept in the buffers they were written to (copied only for a checkpoint). */
    private final List<DataOutputSerializer> full = new ArrayList<>();
    private DataOutputSerializer open = new DataOutputSerializer(CHUNK + 4096);
    private int count;

    void append(VolumeEvent e) {
        try {
            VolumeEventSerializer.INSTANCE.serialize(e, open);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        count++;
        if (open.length() >= CHUNK) {
            full.add(open);
            open = new DataOutputSerializer(CHUNK + 4096);
        }
    }

    int count() {
        return count;
    }

    /** Every chunk, the open one included (for a checkpoint). */
    List<byte[]> chunks() {
        List<byte[]> out = new ArrayList<>(full.size() + 1);
        for (DataOutputSerializer chunk : full) {
            out.add(chunk.getCopyOfBuffer());
        }
        if (open.length() > 0) {
            out.add(open.getCopyOfBuffer());
        }
        return out;
    }

    /** Replays the operations of {@code chunks} in order. */
    static void replay(Iterable<byte[]> chunks, Consumer<VolumeEvent> to) {
        try {
            for (byte[] c : chunks) {
                DataInputDeserializer in = new DataInputDeserializer(c);
                while (in.available() > 0) {
                    to.accept(VolumeEventSerializer.INSTANCE.deserialize(in));
                }
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
