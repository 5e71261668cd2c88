package io.gnotify.connectors.journal.synthetic;

import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalEncoder;
import io.gnotify.connectors.journal.JournalHeader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one brick's changelog directory as the GlusterFS 10.x translator does: one journal per non-empty
 * window under {@code YYYY/MM/DD/}, a fixed-length HTIME entry per rollover (lower-case for empty windows,
 * brick path as GlusterFS saw it), at most one D and one M per slot per inode and window, and a header-only
 * live {@code CHANGELOG} at the end.
 */
final class BrickJournalWriter implements AutoCloseable {
    private final int brickIndex;
    private final Path changelogDir;
    private final String originalChangelogDir;
    private final JournalEncoder encoder;
    private final OutputStream htime;
    private final RecordListener listener;
    private final ByteArrayOutputStream journal = new ByteArrayOutputStream(1 << 16);
    private final List<JournalRecord> pending = new ArrayList<>();
    private final Set<SlotKey> usedSlots = new HashSet<>();
    private long bytesWritten;
    private long recordsWritten;

    BrickJournalWriter(int brickIndex, Path brickRoot, String originalBrickPath, JournalHeader header,
            long htimeStart, RecordListener listener) throws IOException {
        this.brickIndex = brickIndex;
        this.changelogDir = brickRoot.resolve(".glusterfs/changelogs");
        this.originalChangelogDir = originalBrickPath + "/.glusterfs/changelogs";
        this.encoder = new JournalEncoder(header);
        this.listener = listener;
        Files.createDirectories(changelogDir.resolve("htime"));
        this.htime = Files.newOutputStream(changelogDir.resolve("htime").resolve("HTIME." + htimeStart));
    }

    /** Logs a record in the current window unless its D/M slot for that inode is used; true if logged. */
    boolean add(JournalRecord r) {
        int slot = slot(r);
        if (slot >= 0 && !usedSlots.add(new SlotKey(r.gfidMsb(), r.gfidLsb(), slot))) {
            return false;
        }
        return pending.add(r);
    }

    /** Closes the window at {@code ts}: writes the journal (or nothing) and the HTIME entry. */
    void rollover(long ts) throws IOException {
        ZonedDateTime day = Instant.ofEpochSecond(ts).atZone(ZoneOffset.UTC);
        String relative = String.format("%04d/%02d/%02d/%s.%d", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth(), pending.isEmpty() ? "changelog" : "CHANGELOG", ts);
        if (!pending.isEmpty()) {
            journal.reset();
            encoder.writeHeader(journal);
            for (JournalRecord r : pending) {
                encoder.write(r, journal);
                listener.onRecord(brickIndex, ts, r);
            }
            Path file = changelogDir.resolve(relative);
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                journal.writeTo(out);
            }
            bytesWritten += journal.size();
            recordsWritten += pending.size();
        }
        htime.write((originalChangelogDir + "/" + relative).getBytes(StandardCharsets.ISO_8859_1));
        htime.write(0);
        pending.clear();
        usedSlots.clear();
    }

    /** Records written so far. */
    long recordsWritten() {
        return recordsWritten;
    }

    /** Journal bytes written so far. */
    long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void close() throws IOException {
        htime.close();
        Files.write(changelogDir.resolve("CHANGELOG"), encoder.header().toBytes());
    }

    /** The translator's dedup slot: 0 data, 1 setattr-type, 2 xattr-type; -1 for entries (never deduplicated). */
    private static int slot(JournalRecord r) {
        if (r.type() == RecordType.DATA) {
            return 0;
        }
        if (r.type() == RecordType.METADATA) {
            Fop f = r.fop();
            return f == Fop.SETATTR || f == Fop.FSETATTR ? 1 : 2;
        }
        return -1;
    }

    private record SlotKey(long msb, long lsb, int slot) {}
}
