package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.WindowGrid;
import io.gnotify.job.manifest.BrickWindowStatus;
import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFormat;
import io.gnotify.job.manifest.ManifestWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gnotify verify}: a good chain passes; edits, truncation, a missing window and brick trouble are reported. */
class VerifyCommandTest {
    static final WindowGrid GRID = new WindowGrid(60);

    /** Writes a chain of {@code n} manifests under {@code out/vol/manifests}; window 2 has a brick down. */
    static Path chain(Path out, int n) throws Exception {
        Path dir = Files.createDirectories(out.resolve("vol").resolve(ManifestFormat.DIRECTORY));
        String prev = null;
        for (int i = 0; i < n; i++) {
            long start = 1795500000L + 60L * i;
            List<BrickWindowStatus> bricks = List.of(new BrickWindowStatus("vm:/b1", "ok", start + 1, start + 59),
                    new BrickWindowStatus("vm:/b2", i == 2 ? "down" : "ok", 0, 0));
            List<ManifestEntry> entries = List.of(new ManifestEntry(ManifestEntry.Op.NEW, new GfidKey(1, i), FileType.FILE,
                    ("f" + i).getBytes(StandardCharsets.UTF_8), null));
            ManifestFormat.Rendered r = ManifestFormat.manifest(new ManifestWindow("vol", "id", start, start + 60, i + 1,
                    false, prev, bricks), entries);
            Files.write(dir.resolve(GRID.name(start) + ManifestFormat.MANIFEST_SUFFIX), r.bytes());
            prev = r.sha256();
        }
        return dir;
    }

    @Test
    void aGoodChainVerifiesAndBrickTroubleIsListed(@TempDir Path tmp) throws Exception {
        chain(tmp, 5);
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("verify", tmp.toString());
        String out = new String(r.out(), StandardCharsets.UTF_8);
        assertThat(r.exit()).isZero();
        assertThat(out).contains("5 manifests, seq 1-5, windows 1795500000-1795500300: chain verified")
                .contains("bricks down: 1 brick-windows").contains("1795500120-1795500180.jsonl vm:/b2")
                .contains("bricks gap: none");
    }

    @Test
    void editedTruncatedAndMissingManifestsFail(@TempDir Path tmp) throws Exception {
        Path dir = chain(tmp, 6);
        Path edited = dir.resolve(GRID.name(1795500060L) + ManifestFormat.MANIFEST_SUFFIX);
        Files.writeString(edited, Files.readString(edited).replace("\"f1\"", "\"f9\""));
        Path truncated = dir.resolve(GRID.name(1795500180L) + ManifestFormat.MANIFEST_SUFFIX);
        String t = Files.readString(truncated);
        Files.writeString(truncated, t.substring(0, t.lastIndexOf("{\"kind\":\"trailer\"")));
        Files.delete(dir.resolve(GRID.name(1795500240L) + ManifestFormat.MANIFEST_SUFFIX));
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("verify", dir.toString());
        String out = new String(r.out(), StandardCharsets.UTF_8);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(out).contains("1795500060-1795500120.jsonl: content does not match its trailer hash (edited?)")
                .contains("1795500180-1795500240.jsonl: no trailer (truncated?)")
                .contains("1795500300-1795500360.jsonl: seq 6 after 4")
                .contains("window starts at 1795500300 but the previous one ended at 1795500240 (windows missing)");
    }

    @Test
    void nothingToVerifyIsAnError(@TempDir Path tmp) {
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("verify", tmp.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no manifests under");
    }
}
