package io.gnotify.job.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.connectors.journal.Gfid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A manifest read back from its JSON Lines: the header as a {@link ManifestWindow}, the entries in file order,
 * and the trailer hash. Reading does not verify the chain ({@link ManifestChain} does); a line that is not a
 * manifest line is an error naming the file and line.
 */
public record ManifestFile(String name, ManifestWindow window, List<ManifestEntry> entries, String sha256) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads one manifest file. */
    public static ManifestFile read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Every manifest ({@code *.jsonl}) in {@code dir}, oldest window first (the names sort by window start). */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{10}-\\d{10}\\" + ManifestFormat.MANIFEST_SUFFIX))
                    .sorted().toList();
        }
    }

    /** Parses only the header line of a manifest's bytes. */
    public static ManifestWindow header(String name, byte[] bytes) throws IOException {
        int end = 0;
        while (end < bytes.length && bytes[end] != '\n') {
            end++;
        }
        return header(name, node(name, new String(bytes, 0, end, StandardCharsets.UTF_8), 1, "header"));
    }

    /** Parses a manifest's bytes; {@code name} is used in errors. */
    public static ManifestFile parse(String name, byte[] bytes) throws IOException {
        return parse(name, new String(bytes, StandardCharsets.UTF_8).split("\n"));
    }

    /** Parses a manifest already split into its lines; {@code name} is used in errors. */
    public static ManifestFile parse(String name, String[] lines) throws IOException {
        if (lines.length < 2) {
            throw new IOException(name + ": not a manifest (fewer than two lines)");
        }
        ManifestWindow window = header(name, node(name, lines[0], 1, "header"));
        List<ManifestEntry> entries = new ArrayList<>(lines.length - 2);
        for (int i = 1; i < lines.length - 1; i++) {
            entries.add(entry(name, i + 1, node(name, lines[i], i + 1, "entry")));
        }
        JsonNode trailer = node(name, lines[lines.length - 1], lines.length, "trailer");
        return new ManifestFile(name, window, List.copyOf(entries), trailer.path("sha256").asText());
    }

    private static JsonNode node(String name, String line, int number, String kind) throws IOException {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(name + " line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !kind.equals(n.path("kind").asText())) {
            throw new IOException(name + " line " + number + ": expected a " + kind + " line");
        }
        return n;
    }

    private static ManifestWindow header(String name, JsonNode h) throws IOException {
        if (!ManifestFormat.FORMAT.equals(h.path("format").asText())) {
            throw new IOException(name + ": format " + h.path("format") + ", this gnotify reads " + ManifestFormat.FORMAT);
        }
        List<BrickWindowStatus> bricks = new ArrayList<>();
        for (JsonNode b : h.path("bricks")) {
            bricks.add(new BrickWindowStatus(b.path("brick").asText(), b.path("status").asText(),
                    b.path("first_journal").asLong(), b.path("last_journal").asLong()));
        }
        JsonNode prev = h.get("prev_sha256");
        return new ManifestWindow(h.path("volume").asText(), h.path("volume_id").asText(), h.path("window_start").asLong(),
                h.path("window_end").asLong(), h.path("seq").asLong(), h.path("full").asBoolean(),
                prev == null || prev.isNull() ? null : prev.asText(), bricks,
                h.path("reconcile").asBoolean() ? h.path("reconcile_since").asLong() : null);
    }

    private static ManifestEntry entry(String name, int line, JsonNode e) throws IOException {
        try {
            ManifestEntry.Op op = ManifestEntry.Op.valueOf(e.path("op").asText());
            long[] gfid = Gfid.parse(e.path("gfid").asText());
            FileType type = FileType.valueOf(e.path("ftype").asText().toUpperCase(Locale.ROOT));
            return new ManifestEntry(op, new GfidKey(gfid[0], gfid[1]), type, rawBytes(e, "path"), rawBytes(e, "old_path"));
        } catch (IllegalArgumentException ex) {
            throw new IOException(name + " line " + line + ": bad entry (" + ex.getMessage() + ")");
        }
    }

    /** The raw bytes of {@code field}, or of its base64 form {@code field_b64}; {@code null} when neither is there. */
    public static byte[] rawBytes(JsonNode node, String field) {
        if (node.hasNonNull(field)) {
            return node.get(field).asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.hasNonNull(field + "_b64")) {
            return java.util.Base64.getDecoder().decode(node.get(field + "_b64").asText());
        }
        return null;
    }
}
