package io.gnotify.job.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a sequence of manifests, oldest first: each trailer's hash and entry count match the bytes before
 * it, each header's {@code prev_sha256} is the previous trailer's hash, {@code seq} counts up by one, and
 * each window starts where the previous one ended. Any edited, truncated, reordered or missing manifest
 * shows up as a problem naming it.
 */
public final class ManifestChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> problems = new ArrayList<>();
    private String prevSha;
    private long prevSeq = -1;
    private long prevEnd = Long.MIN_VALUE;
    private int checked;

    /** A named manifest's bytes. */
    public record Manifest(String name, byte[] bytes) {}

    /** The problems found in {@code manifests} (oldest first); empty when the chain verifies. */
    public static List<String> verify(List<Manifest> manifests) {
        ManifestChain chain = new ManifestChain();
        manifests.forEach(m -> chain.add(m.name(), m.bytes()));
        return chain.problems();
    }

    /**
     * Checks the next manifest of the chain against itself and its predecessor; returns its header, or
     * {@code null} when it has none (reported as a problem).
     */
    public ManifestWindow add(String name, byte[] b) {
        checked++;
        ManifestWindow header;
        try {
            header = ManifestFile.header(name, b);
        } catch (IOException e) {
            problems.add(name + ": not a manifest (no header line)");
            prevSha = null;
            return null;
        }
        long seq = header.seq();
        long start = header.windowStart();
        if (prevSeq >= 0) {
            if (prevSha != null && !prevSha.equals(header.prevSha256())) {
                problems.add(name + ": prev_sha256 does not match the previous manifest (reordered or one missing)");
            }
            if (seq != prevSeq + 1) {
                problems.add(name + ": seq " + seq + " after " + prevSeq + " (a manifest is missing or out of order)");
            }
            if (start != prevEnd) {
                problems.add(name + ": window starts at " + start + " but the previous one ended at " + prevEnd
                        + (start > prevEnd ? " (windows missing)" : ""));
            }
        }
        prevSeq = seq;
        prevEnd = header.windowEnd();
        prevSha = null;
        int trailerStart = lastLineStart(b);
        JsonNode trailer;
        try {
            trailer = trailerStart < 0 ? null : JSON.readTree(new String(b, trailerStart, b.length - trailerStart,
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            trailer = null;
        }
        if (trailer == null || !"trailer".equals(trailer.path("kind").asText())) {
            problems.add(name + ": no trailer (truncated?)");
            return header;
        }
        String sha = ManifestFormat.sha256(Arrays.copyOf(b, trailerStart));
        if (!sha.equals(trailer.path("sha256").asText())) {
            problems.add(name + ": content does not match its trailer hash (edited?)");
        }
        int entries = countLines(b, trailerStart) - 1;
        if (entries != trailer.path("entries").asInt(-1)) {
            problems.add(name + ": " + entries + " entries, trailer says " + trailer.path("entries").asInt(-1));
        }
        prevSha = trailer.path("sha256").asText();
        return header;
    }

    /** The problems found so far. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** How many manifests were checked. */
    public int checked() {
        return checked;
    }

    /** Start of the last line (the bytes end with a newline), or -1 for fewer than two lines. */
    private static int lastLineStart(byte[] b) {
        int end = b.length > 0 && b[b.length - 1] == '\n' ? b.length - 1 : b.length;
        for (int i = end - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static int countLines(byte[] b, int upTo) {
        int n = 0;
        for (int i = 0; i < upTo; i++) {
            if (b[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}
