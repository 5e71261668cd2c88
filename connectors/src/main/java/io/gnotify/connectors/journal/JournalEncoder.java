package io.gnotify.connectors.journal;

import java.io.ByteArrayOutputStream;

/**
 * Writes records in the exact byte layout of a GlusterFS 10.x brick (the inverse of the decoders), for
 * synthetic journals and tests. Encoding a decoded real journal reproduces its bytes.
 */
public final class JournalEncoder {
    private final JournalHeader header;
    private final byte[] gfidScratch = new byte[Gfid.TEXT_LENGTH];

    public JournalEncoder(JournalHeader header) {
        this.header = header;
    }

    public JournalHeader header() {
        return header;
    }

    /** Appends the header line. */
    public void writeHeader(ByteArrayOutputStream out) {
        byte[] h = header.toBytes();
        out.write(h, 0, h.length);
    }

    /** Appends one record. */
    public void write(JournalRecord r, ByteArrayOutputStream out) {
        out.write(r.type().code());
        gfid(r.gfidMsb(), r.gfidLsb(), out);
        if (r.type() != RecordType.DATA) {
            out.write(0);
            number(r.fopNumber(), out);
            Fop fop = r.fop();
            Fop.EntryLayout layout = fop == null ? null : fop.entryLayout();
            if (r.type() == RecordType.ENTRY && layout != null) {
                entryFields(r, layout, out);
            }
        }
        out.write(0);
    }

    private void entryFields(JournalRecord r, Fop.EntryLayout layout, ByteArrayOutputStream out) {
        if (layout == Fop.EntryLayout.MODE_OWNER_ENTRY) {
            out.write(0);
            number(r.mode(), out);
            out.write(0);
            number(r.uid(), out);
            out.write(0);
            number(r.gid(), out);
        }
        out.write(0);
        entry(r.pgfidMsb(), r.pgfidLsb(), r.name(), out);
        if (layout == Fop.EntryLayout.TWO_ENTRIES) {
            out.write(0);
            entry(r.newPgfidMsb(), r.newPgfidLsb(), r.newName(), out);
        } else if (layout == Fop.EntryLayout.ENTRY_DELETED_PATH && header.recordsDeletedPath()) {
            out.write(0);
            byte[] path = r.deletedPath() == null ? new byte[0] : r.deletedPath();
            out.write(path, 0, path.length);
            if (path.length == 0) {
                out.write(0);
            }
        }
    }

    private void entry(long msb, long lsb, byte[] name, ByteArrayOutputStream out) {
        gfid(msb, lsb, out);
        out.write('/');
        out.write(name, 0, name.length);
    }

    private void gfid(long msb, long lsb, ByteArrayOutputStream out) {
        if (header.encoding() == JournalEncoding.ASCII) {
            Gfid.writeText(msb, lsb, gfidScratch, 0);
            out.write(gfidScratch, 0, Gfid.TEXT_LENGTH);
        } else {
            Gfid.writeRaw(msb, lsb, gfidScratch, 0);
            out.write(gfidScratch, 0, Gfid.RAW_LENGTH);
        }
    }

    private void number(int value, ByteArrayOutputStream out) {
        if (header.encoding() == JournalEncoding.ASCII) {
            String s = Integer.toUnsignedString(value);
            for (int i = 0; i < s.length(); i++) {
                out.write(s.charAt(i));
            }
        } else {
            out.write(value);
            out.write(value >>> 8);
            out.write(value >>> 16);
            out.write(value >>> 24);
        }
    }
}
