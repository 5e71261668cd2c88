package io.gnotify.connectors.sink;

import io.gnotify.connectors.serialization.VersionedSerializer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Versioned serializers for the window-file sink's committables and writer state. */
final class WindowFileSerializers {
    private WindowFileSerializers() {}

    /** Serializes {@link WindowFileCommittable}s (version 1). */
    static final class Committables extends VersionedSerializer<WindowFileCommittable> {
        Committables() {
            super("window-file committable", 1);
        }

        @Override
        protected void write(WindowFileCommittable c, DataOutputStream out) throws IOException {
            out.writeUTF(c.inProgress());
            out.writeUTF(c.target());
        }

        @Override
        protected WindowFileCommittable read(DataInputStream in) throws IOException {
            return new WindowFileCommittable(in.readUTF(), in.readUTF());
        }
    }

    /** Serializes {@link WindowFileWriterState}s (version 1). */
    static final class WriterStates extends VersionedSerializer<WindowFileWriterState> {
        WriterStates() {
            super("window-file writer state", 1);
        }

        @Override
        protected void write(WindowFileWriterState s, DataOutputStream out) throws IOException {
            out.writeUTF(s.file());
            out.writeLong(s.windowEnd());
            out.writeLong(s.length());
        }

        @Override
        protected WindowFileWriterState read(DataInputStream in) throws IOException {
            return new WindowFileWriterState(in.readUTF(), in.readLong(), in.readLong());
        }
    }
}
