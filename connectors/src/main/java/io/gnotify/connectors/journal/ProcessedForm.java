package io.gnotify.connectors.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Renders records in libgfchangelog's "processed" text form: space-separated fields, fop names, and only
 * space, newline and '%' escaped (as %20, %0A, %25) in entry and path fields. Everything else stays raw.
 */
public final class ProcessedForm {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private ProcessedForm() {}

    /** One record as bytes, without the trailing newline. */
    public static byte[] render(JournalRecord r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        append(r, out);
        return out.toByteArray();
    }

    /** Appends one record followed by {@code '\n'}. */
    public static void appendLine(JournalRecord r, ByteArrayOutputStream out) {
        append(r, out);
        out.write('\n');
    }

    private static void append(JournalRecord r, ByteArrayOutputStream out) {
        out.write(r.type().code());
        out.write(' ');
        appendGfid(r.gfidMsb(), r.gfidLsb(), out);
        if (r.type() == RecordType.DATA) {
            return;
        }
        out.write(' ');
        Fop fop = r.fop();
        appendAscii(fop == null ? Integer.toString(r.fopNumber()) : fop.name(), out);
        if (r.type() == RecordType.METADATA || fop == null || fop.entryLayout() == null) {
            return;
        }
        if (fop.entryLayout() == Fop.EntryLayout.MODE_OWNER_ENTRY) {
            out.write(' ');
            appendAscii(Integer.toUnsignedString(r.mode()), out);
            out.write(' ');
            appendAscii(Integer.toUnsignedString(r.uid()), out);
            out.write(' ');
            appendAscii(Integer.toUnsignedString(r.gid()), out);
        }
        out.write(' ');
        appendEntry(r.pgfidMsb(), r.pgfidLsb(), r.name(), out);
        if (r.newName() != null) {
            out.write(' ');
            appendEntry(r.newPgfidMsb(), r.newPgfidLsb(), r.newName(), out);
        }
        byte[] path = r.deletedPath();
        if (path != null && path.length > 0) {
            out.write(' ');
            appendEscaped(path, out);
        }
    }

    private static void appendEntry(long msb, long lsb, byte[] name, ByteArrayOutputStream out) {
        appendGfid(msb, lsb, out);
        out.write('/');
        appendEscaped(name, out);
    }

    /** Writes {@code bytes} with space, newline and '%' percent-encoded. */
    public static void appendEscaped(byte[] bytes, ByteArrayOutputStream out) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\n' || b == '%') {
                out.write('%');
                out.write(HEX_UPPER[(b >> 4) & 0xf]);
                out.write(HEX_UPPER[b & 0xf]);
            } else {
                out.write(b);
            }
        }
    }

    private static void appendGfid(long msb, long lsb, ByteArrayOutputStream out) {
        byte[] text = new byte[Gfid.TEXT_LENGTH];
        Gfid.writeText(msb, lsb, text, 0);
        out.write(text, 0, text.length);
    }

    private static void appendAscii(String s, ByteArrayOutputStream out) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        out.write(b, 0, b.length);
    }
}
