package io.gnotify.connectors.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON lines of volume events ({@code events/<start>-<end>.jsonl}), appended to one buffer. Each holds seq, event time, kind
 * ({@code E}, {@code D}, {@code M}), fop, gfid, the entry fields (parent gfid and name, the new ones for a
 * rename, mode/uid/gid for creates, the captured delete path), the representative brick and offset, and
 * the bricks that logged it. Field order is fixed, so equal events give equal bytes.
 */
public final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();

    /** Room for a chunk of lines (callers take them at about 64 KB) without growing. */
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 17);
    private final byte[] gfid = new byte[Gfid.TEXT_LENGTH];
    private final JsonGenerator g;

    /** A renderer reusing one generator and buffer, empty at first; not thread-safe. */
    public EventJson() {
        try {
            g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends the event's line, with its trailing newline, to the buffer. */
    public void append(VolumeEvent e) {
        try {
            JournalRecord r = e.record();
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeNumberField("ts", e.journalTs());
            g.writeStringField("kind", String.valueOf((char) r.type().code()));
            if (r.type() != RecordType.DATA) {
                Fop fop = r.fop();
                g.writeStringField("fop", fop == null ? Integer.toString(r.fopNumber()) : fop.name());
            }
            gfid("gfid", r.gfidMsb(), r.gfidLsb());
            if (r.hasEntry()) {
                if (r.fop() != null && r.fop().entryLayout() == Fop.EntryLayout.MODE_OWNER_ENTRY) {
                    g.writeNumberField("mode", Integer.toUnsignedLong(r.mode()));
                    g.writeNumberField("uid", Integer.toUnsignedLong(r.uid()));
                    g.writeNumberField("gid", Integer.toUnsignedLong(r.gid()));
                }
                gfid("pgfid", r.pgfidMsb(), r.pgfidLsb());
                RawBytesJson.write(g, "name", r.name());
                if (r.newName() != null) {
                    gfid("new_pgfid", r.newPgfidMsb(), r.newPgfidLsb());
                    RawBytesJson.write(g, "new_name", r.newName());
                }
                RawBytesJson.write(g, "deleted_path", r.deletedPath());
            }
            g.writeNumberField("brick", e.brick());
            g.writeNumberField("offset", e.offset());
            g.writeArrayFieldStart("bricks");
            for (int i = 0; i < e.brickCount(); i++) {
                g.writeNumber(e.brickAt(i));
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        out.write('\n');
    }

    /** Bytes appended since the last {@link #take()}. */
    public int size() {
        return out.size();
    }

    /** The lines appended since the last take, which empties the buffer. */
    public byte[] take() {
        byte[] lines = out.toByteArray();
        out.reset();
        return lines;
    }

    private void gfid(String field, long msb, long lsb) throws IOException {
        Gfid.writeText(msb, lsb, gfid, 0);
        g.writeFieldName(field);
        g.writeUTF8String(gfid, 0, gfid.length);
    }
}
