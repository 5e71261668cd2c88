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

    private ManifestChain() {}

    /** A named manifest's bytes. */
    public record Manifest(String name, byte[] bytes) {}

    /** The problems found; empty when the chain verifies. */
    public static List<String> verify(List<Manifest> manifests) {
        List<String> problems = new ArrayList<>();
        String prevSha = null;
        long prevSeq = -1;
        long prevEnd = Long.MIN_VALUE;
        for (Manifest m : manifests) {
            byte[] b = m.bytes();
            int trailerStart = lastLineStart(b);
            JsonNode header;
            JsonNode trailer;
            try {
                header = JSON.readTree(new String(b, 0, firstLineEnd(b), StandardCharsets.UTF_8));
                trailer = trailerStart < 0 ? null : JSON.readTree(new String(b, trailerStart, b.length - trailerStart,
                        StandardCharsets.UTF_8));
            } catch (IOException e) {
                problems.add(m.name() + ": not a manifest (" + e.getMessage() + ")");
                prevSha = null;
                continue;
            }
            if (trailer == null || !"trailer".equals(trailer.path("kind").asText())) {
                problems.add(m.name() + ": no trailer (truncated?)");
                prevSha = null;
                continue;
            }
            String sha = ManifestFormat.sha256(Arrays.copyOf(b, trailerStart));
            if (!sha.equals(trailer.path("sha256").asText())) {
                problems.add(m.name() + ": content does not match its trailer hash (edited?)");
            }
            int entries = countLines(b, trailerStart) - 1;
            if (entries != trailer.path("entries").asInt(-1)) {
                problems.add(m.name() + ": " + entries + " entries, trailer says " + trailer.path("entries").asInt(-1));
            }
            long seq = header.path("seq").asLong();
            long start = header.path("window_start").asLong();
            if (prevSeq >= 0) {
                if (!String.valueOf(prevSha).equals(header.path("prev_sha256").asText(null))) {
                    problems.add(m.name() + ": prev_sha256 does not match the previous manifest (reordered or one missing)");
                }
                if (seq != prevSeq + 1) {
                    problems.add(m.name() + ": seq " + seq + " after " + prevSeq + " (a manifest is missing or out of order)");
                }
                if (start != prevEnd) {
                    problems.add(m.name() + ": window starts at " + start + " but the previous one ended at " + prevEnd);
                }
            }
            prevSha = trailer.path("sha256").asText();
            prevSeq = seq;
            prevEnd = header.path("window_end").asLong();
        }
        return problems;
    }

    private static int firstLineEnd(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return b.length;
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
