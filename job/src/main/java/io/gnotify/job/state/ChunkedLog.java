package io.gnotify.job.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Elements serialized into 1 MB chunks, for operator state: a checkpoint copies and writes a few large byte
 * arrays instead of serializing an object per element through the checkpoint stream, and a log kept while a
 * window is open gives the collector a few arrays instead of many objects.
 */
public final class ChunkedLog<T> {
    private static final int CHUNK = 1 << 20;

    private final TypeSerializer<T> serializer;
    /** Full chunks, kept in the buffers they were written to (copied only by {@link #chunks()}). */
    private final List<DataOutputSerializer> full = new ArrayList<>();
    private DataOutputSerializer open = new DataOutputSerializer(CHUNK + 4096);
    private int count;

    public ChunkedLog(TypeSerializer<T> serializer) {
        this.serializer = serializer;
    }

    public void append(T e) {
        try {
            serializer.serialize(e, open);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        count++;
        if (open.length() >= CHUNK) {
            full.add(open);
            open = new DataOutputSerializer(CHUNK + 4096);
        }
    }

    /** How many elements were appended. */
    public int count() {
        return count;
    }

    /** Every chunk, the open one included, as arrays of exactly their length. */
    public List<byte[]> chunks() {
        List<byte[]> out = new ArrayList<>(full.size() + 1);
        for (DataOutputSerializer chunk : full) {
            out.add(chunk.getCopyOfBuffer());
        }
        if (open.length() > 0) {
            out.add(open.getCopyOfBuffer());
        }
        return out;
    }

    /** Hands the elements of {@code chunks}, in order, to {@code to}. */
    public static <T> void replay(Iterable<byte[]> chunks, TypeSerializer<T> serializer, Consumer<T> to) {
        try {
            for (byte[] c : chunks) {
                DataInputDeserializer in = new DataInputDeserializer(c);
                while (in.available() > 0) {
                    to.accept(serializer.deserialize(in));
                }
            }
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }
}
