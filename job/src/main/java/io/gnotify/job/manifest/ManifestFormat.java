package io.gnotify.job.manifest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.gnotify.connectors.event.RawBytesJson;
import io.gnotify.connectors.sink.FileChunks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Renders a window's manifest ({@code gnotify.manifest/1}, JSON Lines): a header line, one line per entry,
 * and a trailer with the entry count and the SHA-256 of every byte before it. The header's
 * {@code prev_sha256} is the previous manifest's trailer hash, so the chain proves coverage. Also renders
 * the two side files: glusterfind's line format and NUL-separated paths for rsync, restic and borg.
 */
public final class ManifestFormat {
    /** The format name written in every header. */
    public static final String FORMAT = "gnotify.manifest/1";
    /** The directory under {@code OUT/<volume>/} that holds the manifests. */
    public static final String DIRECTORY = "manifests";
    /** File name endings: the manifest, glusterfind's format, NUL-separated paths. */
    public static final String MANIFEST_SUFFIX = ".jsonl";
    public static final String GLUSTERFIND_SUFFIX = ".glusterfind.txt";
    public static final String PATHS0_SUFFIX = ".paths0";
    private static final JsonFactory JSON = new JsonFactory().setRootValueSeparator(null);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** glusterfind's word for each op (it has no META: attribute changes are MODIFY). */
    private static final byte[][] GLUSTERFIND_TYPES = java.util.Arrays.stream(ManifestEntry.Op.values())
            .map(op -> (op == ManifestEntry.Op.META ? "MODIFY" : op.name()).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);

    private ManifestFormat() {}

    /** A rendered manifest, in chunks ({@link FileChunks}), and its trailer hash (the next manifest's {@code prev_sha256}). */
    public record Rendered(List<byte[]> chunks, String sha256) {
        /** The whole manifest in one array (for writing a file directly; the job sends the chunks). */
        public byte[] bytes() {
            return FileChunks.join(chunks);
        }
    }

    public static Rendered manifest(ManifestWindow w, List<ManifestEntry> entries) {
        FileChunks out = new FileChunks();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            line(g, () -> header(g, w, entries));
            for (ManifestEntry e : entries) {
                line(g, () -> entry(g, e));
            }
            g.flush();
            MessageDigest digest = sha256();
            out.digest(digest);
            String sha = HexFormat.of().formatHex(digest.digest());
            line(g, () -> {
                g.writeStringField("kind", "trailer");
                g.writeNumberField("entries", entries.size());
                g.writeStringField("sha256", sha);
            });
            g.flush();
            return new Rendered(out.chunks(), sha);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** glusterfind's output format: {@code TYPE path} or {@code RENAME old new}, with %, space and newline as %XX. */
    public static List<byte[]> glusterfind(List<ManifestEntry> entries) {
        FileChunks out = new FileChunks();
        for (ManifestEntry e : entries) {
            if (e.path() == null) {
                continue;
            }
            out.write(GLUSTERFIND_TYPES[e.op().ordinal()]);
            if (e.op() == ManifestEntry.Op.RENAME && e.oldPath() != null) {
                out.write(' ');
                escape(e.oldPath(), out);
            }
            out.write(' ');
            escape(e.path(), out);
            out.write('\n');
        }
        return out.chunks();
    }

    /** Paths whose content a backup must fetch (NEW, MODIFY, META, RENAME targets), NUL-separated. */
    public static List<byte[]> paths0(List<ManifestEntry> entries) {
        FileChunks out = new FileChunks();
        for (ManifestEntry e : entries) {
            if (e.op() != ManifestEntry.Op.DELETE && e.path() != null) {
                out.write(e.path());
                out.write(0);
            }
        }
        return out.chunks();
    }

    /** Lowercase hex SHA-256. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void header(JsonGenerator g, ManifestWindow w, List<ManifestEntry> entries) throws IOException {
        g.writeStringField("kind", "header");
        g.writeStringField("format", FORMAT);
        g.writeStringField("volume", w.volume());
        g.writeStringField("volume_id", w.volumeId());
        g.writeNumberField("window_start", w.windowStart());
        g.writeNumberField("window_end", w.windowEnd());
        g.writeNumberField("seq", w.seq());
        g.writeBooleanField("full", w.full());
        if (w.prevSha256() == null) {
            g.writeNullField("prev_sha256");
        } else {
            g.writeStringField("prev_sha256", w.prevSha256());
        }
        if (w.reconcileSince() != null) {
            g.writeBooleanField("reconcile", true);
            g.writeNumberField("reconcile_since", w.reconcileSince());
            // The hole ends where this window starts: the windows before it marked it.
            g.writeNumberField("reconcile_until", w.windowStart());
        }
        g.writeArrayFieldStart("bricks");
        for (BrickWindowStatus b : w.bricks()) {
            g.writeStartObject();
            g.writeStringField("brick", b.brick());
            g.writeStringField("status", b.status());
            g.writeNumberField("first_journal", b.firstJournal());
            g.writeNumberField("last_journal", b.lastJournal());
            g.writeEndObject();
        }
        g.writeEndArray();
        Map<ManifestEntry.Op, Integer> counts = ManifestEntry.countByOp(entries);
        g.writeObjectFieldStart("counts");
        for (Map.Entry<ManifestEntry.Op, Integer> c : counts.entrySet()) {
            g.writeNumberField(c.getKey().name(), c.getValue());
        }
        g.writeEndObject();
    }

    private static void entry(JsonGenerator g, ManifestEntry e) throws IOException {
        g.writeStringField("kind", "entry");
        g.writeStringField("op", e.op().name());
        g.writeStringField("gfid", e.gfid().toString());
        g.writeStringField("ftype", e.type().label());
        if (e.unresolved()) {
            g.writeBooleanField("unresolved", true);
        }
        RawBytesJson.write(g, "path", e.path());
        RawBytesJson.write(g, "old_path", e.oldPath());
    }

    /** Writes one JSON object and a newline. */
    private static void line(JsonGenerator g, JsonBody body) throws IOException {
        g.writeStartObject();
        body.write();
        g.writeEndObject();
        g.writeRaw('\n');
    }

    /** The fields of one line. */
    @FunctionalInterface
    private interface JsonBody {
        void write() throws IOException;
    }

    /** Writes {@code path} with %, space and newline as %XX, copying the runs between them whole. */
    private static void escape(byte[] path, FileChunks out) {
        int run = 0;
        for (int i = 0; i < path.length; i++) {
            byte b = path[i];
            if (b == '%' || b == ' ' || b == '\n') {
                out.write(path, run, i - run);
                out.write('%');
                out.write(HEX[(b >> 4) & 0xf]);
                out.write(HEX[b & 0xf]);
                run = i + 1;
            }
        }
        out.write(path, run, path.length - run);
    }
}
