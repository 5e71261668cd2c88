package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.connectors.sink.FileChunks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The manifest file format, its side files, and the chain check. */
class ManifestFormatTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<BrickWindowStatus> BRICKS = List.of(new BrickWindowStatus("vm:/b1", "ok", 100, 105),
            new BrickWindowStatus("vm:/b2", "down", 0, 0));

    static List<ManifestEntry> entries() {
        GfidKey g = new GfidKey(1, 2);
        return List.of(
                new ManifestEntry(ManifestEntry.Op.DELETE, g, FileType.FILE, b("old dir/x"), null),
                new ManifestEntry(ManifestEntry.Op.RENAME, g, FileType.DIR, b("new%name"), b("old\nname")),
                new ManifestEntry(ManifestEntry.Op.NEW, g, FileType.FILE, new byte[] {'n', (byte) 0xff}, null),
                new ManifestEntry(ManifestEntry.Op.NEW, g, FileType.FILE, null, null),
                new ManifestEntry(ManifestEntry.Op.META, g, FileType.SYMLINK, b("a,b"), null));
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static ManifestFormat.Rendered render(long seq, long start, String prev, List<ManifestEntry> entries) {
        return ManifestFormat.manifest(new ManifestWindow("dr22", "38548d1f", start, start + 60, seq, false, prev, BRICKS),
                entries);
    }

    @Test
    void headerEntriesAndTrailer() throws Exception {
        ManifestFormat.Rendered r = render(7, 1795500660, "abc", entries());
        String[] lines = new String(r.bytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(7);
        JsonNode header = JSON.readTree(lines[0]);
        assertThat(header.path("format").asText()).isEqualTo("gnotify.manifest/1");
        assertThat(header.path("seq").asLong()).isEqualTo(7);
        assertThat(header.path("window_end").asLong()).isEqualTo(1795500720);
        assertThat(header.path("prev_sha256").asText()).isEqualTo("abc");
        assertThat(header.path("bricks").get(1).path("status").asText()).isEqualTo("down");
        assertThat(header.path("counts").path("NEW").asInt()).isEqualTo(2);
        assertThat(header.path("counts").path("MODIFY").asInt()).isZero();

        assertThat(JSON.readTree(lines[2]).path("old_path").asText()).isEqualTo("old\nname");
        assertThat(JSON.readTree(lines[3]).path("path_b64").asText()).isEqualTo("bv8=");
        assertThat(JSON.readTree(lines[4]).path("unresolved").asBoolean()).isTrue();
        assertThat(JSON.readTree(lines[5]).path("ftype").asText()).isEqualTo("symlink");

        JsonNode trailer = JSON.readTree(lines[6]);
        int trailerStart = new String(r.bytes(), StandardCharsets.UTF_8).lastIndexOf('{');
        byte[] before = Arrays.copyOf(r.bytes(), new String(r.bytes(), StandardCharsets.UTF_8).substring(0, trailerStart)
                .getBytes(StandardCharsets.UTF_8).length);
        assertThat(trailer.path("entries").asInt()).isEqualTo(5);
        assertThat(trailer.path("sha256").asText()).isEqualTo(r.sha256())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(before)));
    }

    @Test
    void readingBackGivesTheSameWindowAndEntriesByteForByte() throws Exception {
        ManifestFormat.Rendered r = render(7, 1795500660, "abc", entries());
        ManifestFile back = ManifestFile.parse("m.jsonl", r.bytes());
        assertThat(back.window()).isEqualTo(new ManifestWindow("dr22", "38548d1f", 1795500660, 1795500720, 7, false, "abc", BRICKS));
        assertThat(back.entries()).isEqualTo(entries());
        assertThat(back.sha256()).isEqualTo(r.sha256());
        assertThat(ManifestFile.parse("first", render(1, 0, null, List.of()).bytes()).window().prevSha256()).isNull();
        byte[] broken = Arrays.copyOf(r.bytes(), r.bytes().length);
        broken[new String(r.bytes(), StandardCharsets.ISO_8859_1).indexOf("\"op\"") + 6] = 'X';
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ManifestFile.parse("m.jsonl", broken))
                .hasMessageContaining("m.jsonl line 2: bad entry");
    }

    @Test
    void emptyWindowsAreManifestsToo() throws Exception {
        ManifestFormat.Rendered r = render(0, 60, null, List.of());
        String[] lines = new String(r.bytes(), StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(JSON.readTree(lines[0]).path("prev_sha256").isNull()).isTrue();
        assertThat(JSON.readTree(lines[1]).path("entries").asInt()).isZero();
    }

    @Test
    void glusterfindAndPaths0SideFiles() {
        assertThat(new String(FileChunks.join(ManifestFormat.glusterfind(entries())), StandardCharsets.ISO_8859_1)).isEqualTo(
                "DELETE old%20dir/x\nRENAME old%0Aname new%25name\nNEW n\u00ff\nMODIFY a,b\n");
        assertThat(FileChunks.join(ManifestFormat.paths0(entries()))).isEqualTo(
                new byte[] {'n', 'e', 'w', '%', 'n', 'a', 'm', 'e', 0, 'n', (byte) 0xff, 0, 'a', ',', 'b', 0});
    }

    @Test
    void theChainDetectsEditedTruncatedReorderedAndMissingManifests() {
        List<ManifestChain.Manifest> chain = new ArrayList<>();
        String prev = null;
        for (int i = 0; i < 4; i++) {
            ManifestFormat.Rendered r = render(i, 60L * i, prev, i % 2 == 0 ? entries() : List.of());
            chain.add(new ManifestChain.Manifest("m" + i, r.bytes()));
            prev = r.sha256();
        }
        assertThat(ManifestChain.verify(chain)).isEmpty();

        List<ManifestChain.Manifest> edited = new ArrayList<>(chain);
        byte[] bytes = chain.get(2).bytes().clone();
        bytes[bytes.length / 2] ^= 1;
        edited.set(2, new ManifestChain.Manifest("m2", bytes));
        assertThat(ManifestChain.verify(edited)).anyMatch(p -> p.startsWith("m2: content does not match"));

        List<ManifestChain.Manifest> truncated = new ArrayList<>(chain);
        truncated.set(1, new ManifestChain.Manifest("m1", Arrays.copyOf(chain.get(1).bytes(), 40)));
        assertThat(ManifestChain.verify(truncated)).anyMatch(p -> p.startsWith("m1:"));

        List<ManifestChain.Manifest> missing = new ArrayList<>(chain);
        missing.remove(1);
        assertThat(ManifestChain.verify(missing)).anyMatch(p -> p.contains("prev_sha256"))
                .anyMatch(p -> p.contains("seq 2 after 0")).anyMatch(p -> p.contains("window starts at 120"));

        List<ManifestChain.Manifest> reordered = new ArrayList<>(chain);
        reordered.set(1, chain.get(2));
        reordered.set(2, chain.get(1));
        assertThat(ManifestChain.verify(reordered)).isNotEmpty();
    }
}
