package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gnotify merge}: a span of windows becomes one manifest; a span off the window grid or with a broken chain is refused. */
class MergeCommandTest {
    @Test
    void twoWindowsBecomeOneDiff(@TempDir Path tmp) throws Exception {
        Path manifests = ApplyCommandTest.write(tmp.resolve("m"), ApplyCommandTest.history());
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("merge", manifests.toString(), "--from", "1795500000",
                "--to", "1795500120", "--out-dir", tmp.resolve("out").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new String(r.out(), StandardCharsets.UTF_8)).contains("2 windows (seq 1-2)");
        ManifestFile merged = ManifestFile.read(tmp.resolve("out/1795500000-1795500120.jsonl"));
        assertThat(merged.window().windowStart()).isEqualTo(1795500000L);
        assertThat(merged.window().windowEnd()).isEqualTo(1795500120L);
        // From an empty start everything is NEW under its final name; "gone" was created and deleted inside.
        assertThat(merged.entries()).extracting(ManifestEntry::toString).containsExactly(
                "NEW a (file)", "NEW b (file)", "NEW e (dir)", "NEW y-link (file)", "NEW e/x (file)", "NEW e/y (file)");
        assertThat(merged.entries().get(0).gfid()).isEqualTo(ApplyCommandTest.B);
        assertThat(Files.readString(tmp.resolve("out/1795500000-1795500120.glusterfind.txt"))).startsWith("NEW a\nNEW b\n");

        // Only window 2: the swap, the directory rename with a change inside, the delete.
        JournalDumpCommandTest.Run second = JournalDumpCommandTest.run("merge", manifests.toString(), "--from", "1795500060",
                "--to", "1795500120", "--out-dir", tmp.resolve("out2").toString());
        assertThat(second.exit()).isZero();
        assertThat(ManifestFile.read(tmp.resolve("out2/1795500060-1795500120.jsonl")).entries()).extracting(ManifestEntry::toString)
                .contains("RENAME a -> b (file)", "RENAME b -> a (file)", "RENAME d -> e (dir)", "MODIFY e/x (file)", "DELETE gone (file)");
    }

    @Test
    void aSpanOffTheWindowsOrABrokenChainIsRefused(@TempDir Path tmp) throws Exception {
        Path manifests = ApplyCommandTest.write(tmp.resolve("m"), ApplyCommandTest.history());
        JournalDumpCommandTest.Run off = JournalDumpCommandTest.run("merge", manifests.toString(), "--from", "1795500001",
                "--to", "1795500120", "--out-dir", tmp.toString());
        assertThat(off.exit()).isEqualTo(1);
        assertThat(off.err()).contains("no window starts at 1795500001");
        Path second = manifests.resolve("1795500060-1795500120.jsonl");
        Files.writeString(second, Files.readString(second).replace("\"e/y\"", "\"e/z\""));
        JournalDumpCommandTest.Run broken = JournalDumpCommandTest.run("merge", manifests.toString(), "--from", "1795500000",
                "--to", "1795500120", "--out-dir", tmp.toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("does not match its trailer hash");
    }
}
