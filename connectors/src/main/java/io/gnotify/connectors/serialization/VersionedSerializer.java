package io.gnotify.connectors.serialization;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Base of gnotify's checkpoint serializers: one format version, data streams in and out, and a loud
 * failure naming the type when a checkpoint holds a version this build does not read.
 */
public abstract class VersionedSerializer<T> implements SimpleVersionedSerializer<T> {
    private final String what;
    private final int version;

    protected VersionedSerializer(String what, int version) {
        this.what = what;
        this.version = version;
    }

    @Override
    public final int getVersion() {
        return version;
    }

    @Override
    public final byte[] serialize(T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        DataOutputStream out = new DataOutputStream(bytes);
        write(value, out);
        out.flush();
        return bytes.toByteArray();
    }

    @Override
    public final T deserialize(int serializedVersion, byte[] serialized) throws IOException {
        if (serializedVersion != version) {
            throw new IOException("unknown " + what + " serialization version " + serializedVersion
                    + " (this build reads " + version + ")");
        }
        return read(new DataInputStream(new ByteArrayInputStream(serialized)));
    }

    /** Writes the current format. */
    protected abstract void write(T value, DataOutputStream out) throws IOException;

    /** Reads the current format. */
    protected abstract T read(DataInputStream in) throws IOException;
}
