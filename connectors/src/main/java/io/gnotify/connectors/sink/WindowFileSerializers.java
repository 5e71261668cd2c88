package io.gnotify.connectors.sink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Versioned serializers for the window-file sink's committables and writer state. */
final class WindowFileSerializers {
    private WindowFileSerializers() {}

    /** Serializes {@link WindowFileCommittable}s (version 1). */
    static final class Committables implements SimpleVersionedSerializer<WindowFileCommittable> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(WindowFileCommittable c) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            out.writeUTF(c.inProgress());
            out.writeUTF(c.target());
            out.flush();
            return b.toByteArray();
        }

        @Override
        public WindowFileCommittable deserialize(int version, byte[] bytes) throws IOException {
            check(version, getVersion(), "committable");
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            return new WindowFileCommittable(in.readUTF(), in.readUTF());
        }
    }

    /** Serializes {@link WindowFileWriterState}s (version 1). */
    static final class WriterStates implements SimpleVersionedSerializer<WindowFileWriterState> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(WindowFileWriterState s) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            out.writeUTF(s.file());
            out.writeLong(s.windowEnd());
            out.writeLong(s.length());
            out.flush();
            return b.toByteArray();
        }

        @Override
        public WindowFileWriterState deserialize(int version, byte[] bytes) throws IOException {
            check(version, getVersion(), "writer state");
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            return new WindowFileWriterState(in.readUTF(), in.readLong(), in.readLong());
        }
    }

    private static void check(int version, int known, String what) throws IOException {
        if (version != known) {
            throw new IOException("unknown window-file " + what + " version " + version + " (this build reads " + known + ")");
        }
    }
}
