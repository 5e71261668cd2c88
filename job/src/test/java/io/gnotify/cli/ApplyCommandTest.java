package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.WindowGrid;
import io.gnotify.job.backup.ApplyState;
import io.gnotify.job.backup.ManifestApplier;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.BrickWindowStatus;
import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestEntry.Op;
import io.gnotify.job.manifest.ManifestFormat;
import io.gnotify.job.manifest.ManifestWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gnotify apply} on a source directory standing in for the mounted volume: a full manifest, then a
 * window with a swap, a directory rename with a change inside, a delete, a hard link and a new file; the copy
 * equals the source. Re-running is a no-op, an interrupted manifest re-applies cleanly, and broken chains
 * and unsafe paths are refused without writing outside the copy.
 */
class ApplyCommandTest {
    static final GfidKey A = new GfidKey(1, 1);
    static final GfidKey B = new GfidKey(1, 2);
    static final GfidKey D = new GfidKey(1, 3);
    static final GfidKey X = new GfidKey(1, 4);
    static final GfidKey Y = new GfidKey(1, 5);
    static final GfidKey GONE = new GfidKey(1, 6);

    static ManifestEntry e(Op op, GfidKey g, FileType t, String path, String old) {
        return new ManifestEntry(op, g, t, path.getBytes(StandardCharsets.UTF_8), old == null ? null : old.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes manifests (seq 1, 2, …) of consecutive 60 s windows; returns the directory. */
    static Path write(Path dir, List<List<ManifestEntry>> windows) throws Exception {
        Files.createDirectories(dir);
        String prev = null;
        for (int i = 0; i < windows.size(); i++) {
            long start = 1795500000L + 60L * i;
            ManifestFormat.Rendered r = ManifestFormat.manifest(new ManifestWindow("vol", "vid", start, start + 60, i + 1,
                    i == 0, prev, List.of(new BrickWindowStatus("vm:/b1", "ok", start, start + 59))), windows.get(i));
            Files.write(dir.resolve(new WindowGrid(60).name(start) + ".jsonl"), r.bytes());
            prev = r.sha256();
        }
        return dir;
    }

    static List<List<ManifestEntry>> history() {
        return List.of(
                List.of(e(Op.NEW, D, FileType.DIR, "d", null), e(Op.NEW, A, FileType.FILE, "a", null),
                        e(Op.NEW, B, FileType.FILE, "b", null), e(Op.NEW, X, FileType.FILE, "d/x", null),
                        e(Op.NEW, GONE, FileType.FILE, "gone", null)),
                List.of(e(Op.RENAME, A, FileType.FILE, "b", "a"), e(Op.RENAME, B, FileType.FILE, "a", "b"),
                        e(Op.RENAME, D, FileType.DIR, "e", "d"), e(Op.MODIFY, X, FileType.FILE, "e/x", null),
                        e(Op.DELETE, GONE, FileType.FILE, "gone", null), e(Op.NEW, Y, FileType.FILE, "e/y", null),
                        e(Op.NEW, Y, FileType.FILE, "y-link", null)));
    }

    /** The volume as {@link #history()}'s first window leaves it. */
    static void volumeAfterWindow1(Path src) throws Exception {
        Files.createDirectories(src.resolve("d"));
        Files.writeString(src.resolve("a"), "A");
        Files.writeString(src.resolve("b"), "B");
        Files.writeString(src.resolve("d/x"), "X");
        Files.writeString(src.resolve("gone"), "G");
    }

    /** ... and its second: a and b swapped, d renamed to e with x changed, gone deleted, y with two names. */
    static void volumeAfterWindow2(Path src) throws Exception {
        Files.move(src.resolve("a"), src.resolve("t"));
        Files.move(src.resolve("b"), src.resolve("a"));
        Files.move(src.resolve("t"), src.resolve("b"));
        Files.move(src.resolve("d"), src.resolve("e"));
        Files.writeString(src.resolve("e/x"), "X2");
        Files.delete(src.resolve("gone"));
        Files.writeString(src.resolve("e/y"), "Y");
        Files.createLink(src.resolve("y-link"), src.resolve("e/y"));
    }

    /** Path to "type mode content" for everything under {@code root}. */
    static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(p -> !p.equals(root))::iterator) {
                boolean dir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                out.put(root.relativize(p).toString(), (dir ? "d " : "f ")
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " " + (dir ? "" : Files.readString(p)));
            }
        }
        return out;
    }

    @Test
    void bringsTheCopyToTheVolumeAndReRunsSafely(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("mount");
        Path all = write(tmp.resolve("all"), history());
        Path manifests = Files.createDirectories(tmp.resolve("manifests"));
        Files.copy(all.resolve("1795500000-1795500060.jsonl"), manifests.resolve("1795500000-1795500060.jsonl"));
        Path copy = tmp.resolve("backup");
        // The volume after window 1 (what the full manifest lists) ...
        volumeAfterWindow1(src);
        Files.setPosixFilePermissions(src.resolve("a"), PosixFilePermissions.fromString("rw-------"));
        JournalDumpCommandTest.Run first = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", copy.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(tree(copy)).isEqualTo(tree(src));
        Files.move(ApplyState.fileOf(copy), tmp.resolve("after-1.json"));
        Files.copy(tmp.resolve("after-1.json"), ApplyState.fileOf(copy));

        // ... and after window 2: a and b swapped, d renamed to e with x changed, gone deleted, y with two names.
        volumeAfterWindow2(src);
        Files.copy(all.resolve("1795500060-1795500120.jsonl"), manifests.resolve("1795500060-1795500120.jsonl"));
        JournalDumpCommandTest.Run second = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", copy.toString());
        String out = new String(second.out(), StandardCharsets.UTF_8);
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(out).contains("(seq 2): removed=1 moved=6 created=1 linked=1 refreshed=1 vanished=0")
                .contains("1 manifests applied");
        assertThat(tree(copy)).isEqualTo(tree(src));
        assertThat(Files.readString(copy.resolve("b"))).isEqualTo("A");
        assertThat(Files.isSameFile(copy.resolve("e/y"), copy.resolve("y-link"))).isTrue();

        // Nothing left to do.
        assertThat(new String(JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(), "--source",
                src.toString(), "--target", copy.toString()).out(), StandardCharsets.UTF_8)).contains("0 manifests applied");
    }

    /** A crash after any step of window 2 (recorded or not): the re-run finishes it, and renames are not repeated. */
    @Test
    void anInterruptedManifestIsFinishedByTheNextRun(@TempDir Path tmp) throws Exception {
        Path all = write(tmp.resolve("manifests"), history());
        ManifestFile second = ManifestFile.read(all.resolve("1795500060-1795500120.jsonl"));
        int steps = io.gnotify.job.manifest.ReplayPlan.of(second.entries()).size();
        for (int crashAfter = 1; crashAfter < steps; crashAfter++) {
            for (boolean recorded : new boolean[] {true, false}) {
                Path run = tmp.resolve("run-" + crashAfter + "-" + recorded);
                Path src = run.resolve("mount");
                Path copy = run.resolve("backup");
                volumeAfterWindow1(src);
                ManifestApplier applier = new ManifestApplier(src, copy);
                applier.apply(ManifestFile.read(all.resolve("1795500000-1795500060.jsonl")), 0, n -> { });
                ApplyState one = new ApplyState("vid", 1, ManifestFile.read(all.resolve("1795500000-1795500060.jsonl")).sha256(), 0, List.of());
                one.write(copy);
                volumeAfterWindow2(src);
                int at = crashAfter;
                try {
                    new ManifestApplier(src, copy).apply(second, 0, n -> {
                        if (n >= at) {
                            if (recorded) {
                                one.progress(n, List.of()).write(copy);
                            }
                            throw new java.io.IOException("crash after step " + n);
                        }
                        one.progress(n, List.of()).write(copy);
                    });
                } catch (java.io.IOException expected) {
                    // the simulated crash
                }
                assertThat(JournalDumpCommandTest.run("apply", "--manifests", all.toString(), "--source", src.toString(),
                        "--target", copy.toString()).exit()).isZero();
                assertThat(tree(copy)).as("crash after step %d, %s", crashAfter, recorded ? "recorded" : "not recorded")
                        .isEqualTo(tree(src));
            }
        }
    }

    /**
     * The volume moves on before the copy catches up: window 1 created {@code d/x} and window 2 wrote it, but
     * by the time window 2 is applied, window 3 has already renamed {@code d} to {@code e} on the volume. The
     * write cannot be fetched at {@code d/x}; it is followed through window 3's directory rename and fetched
     * from {@code e/x}. A file created in window 2 inside {@code d} and gone from {@code d} by then arrives the same way.
     */
    @Test
    void copiesTheVolumeNoLongerShowsAreFollowedThroughLaterRenames(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("mount");
        Files.createDirectories(src.resolve("d"));
        Files.writeString(src.resolve("d/x"), "X");
        Path all = write(tmp.resolve("all"), List.of(
                List.of(e(Op.NEW, D, FileType.DIR, "d", null), e(Op.NEW, X, FileType.FILE, "d/x", null)),
                List.of(e(Op.MODIFY, X, FileType.FILE, "d/x", null), e(Op.NEW, Y, FileType.FILE, "d/y", null)),
                List.of(e(Op.RENAME, D, FileType.DIR, "e", "d"))));
        Path manifests = Files.createDirectories(tmp.resolve("manifests"));
        Files.copy(all.resolve("1795500000-1795500060.jsonl"), manifests.resolve("1795500000-1795500060.jsonl"));
        Path copy = tmp.resolve("backup");
        assertThat(JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(), "--source", src.toString(),
                "--target", copy.toString()).exit()).isZero();

        Files.writeString(src.resolve("d/x"), "X2");
        Files.writeString(src.resolve("d/y"), "Y");
        Files.move(src.resolve("d"), src.resolve("e"));
        Files.copy(all.resolve("1795500060-1795500120.jsonl"), manifests.resolve("1795500060-1795500120.jsonl"));
        JournalDumpCommandTest.Run second = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", copy.toString());
        assertThat(new String(second.out(), StandardCharsets.UTF_8)).contains("vanished=2")
                .contains("2 entries wait for the volume to show them again");
        assertThat(ApplyState.read(copy).pending()).hasSize(2);

        Files.copy(all.resolve("1795500120-1795500180.jsonl"), manifests.resolve("1795500120-1795500180.jsonl"));
        JournalDumpCommandTest.Run third = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", copy.toString());
        assertThat(new String(third.out(), StandardCharsets.UTF_8)).contains("moved=2").contains("caught-up=2");
        assertThat(tree(copy)).isEqualTo(tree(src));
        assertThat(ApplyState.read(copy).pending()).isEmpty();
    }

    /**
     * Applied after the volume moved on: the name {@code a} a manifest created for inode A is held by inode B
     * by now (A got a second name, then B was renamed over {@code a}). The copy must not take B's content for
     * A: the name is owed, followed through the next manifest's rename, and A's content arrives under its new
     * name; B's arrives under {@code a}.
     */
    @Test
    void aNameAnotherInodeHoldsNowIsOwedNotCopied(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("mount");
        Files.createDirectories(src);
        Files.writeString(src.resolve("a"), "B's content");
        Files.writeString(src.resolve("c"), "A's content");
        Map<Path, GfidKey> holders = Map.of(src.resolve("a"), B, src.resolve("c"), A);
        Path manifests = write(tmp.resolve("manifests"), List.of(
                List.of(e(Op.NEW, A, FileType.FILE, "a", null), e(Op.NEW, B, FileType.FILE, "b", null)),
                List.of(e(Op.RENAME, A, FileType.FILE, "c", "a"), e(Op.RENAME, B, FileType.FILE, "a", "b"))));
        Path copy = tmp.resolve("backup");
        ManifestApplier applier = new ManifestApplier(src, copy, new io.gnotify.job.backup.PendingCopies(List.of()),
                holders::get);
        List<Path> files = ManifestFile.list(manifests);
        ManifestApplier.Counts first = applier.apply(ManifestFile.read(files.get(0)), 0, n -> {});
        assertThat(first.vanished).as("a (held by B) and b (gone)").isEqualTo(2);
        applier.apply(ManifestFile.read(files.get(1)), 0, n -> {});
        assertThat(tree(copy)).isEqualTo(tree(src));
        assertThat(applier.pending().items()).isEmpty();

        // Without the check, B's content is copied for A, and A's never arrives.
        Path blind = tmp.resolve("blind");
        ManifestApplier unchecked = new ManifestApplier(src, blind, new io.gnotify.job.backup.PendingCopies(List.of()),
                p -> null);
        for (Path f : files) {
            unchecked.apply(ManifestFile.read(f), 0, n -> {});
        }
        assertThat(Files.readString(blind.resolve("c"))).isEqualTo("B's content");
    }

    @Test
    void refusesEditedAndMissingManifests(@TempDir Path tmp) throws Exception {
        Path manifests = write(tmp.resolve("manifests"), history());
        Path src = Files.createDirectories(tmp.resolve("mount"));
        Path first = manifests.resolve("1795500000-1795500060.jsonl");
        Files.writeString(first, Files.readString(first).replace("\"d/x\"", "\"d/z\""));
        JournalDumpCommandTest.Run edited = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", tmp.resolve("b1").toString());
        assertThat(edited.exit()).isEqualTo(1);
        assertThat(edited.err()).contains("refused").contains("does not match its trailer hash");

        Files.delete(first);
        JournalDumpCommandTest.Run missing = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", src.toString(), "--target", tmp.resolve("b2").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("seq 2 but the next one to apply is 1");
    }

    @Test
    void unsafePathsAreRefusedAndNothingIsWrittenOutsideTheCopy(@TempDir Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("mount/sub"));
        Files.writeString(tmp.resolve("mount/ok"), "ok");
        Files.writeString(tmp.resolve("outside"), "keep");
        Path manifests = write(tmp.resolve("manifests"), List.of(List.of(
                e(Op.NEW, A, FileType.FILE, "ok", null),
                e(Op.NEW, B, FileType.FILE, "../outside", null),
                e(Op.DELETE, D, FileType.FILE, "sub/../../outside", null),
                e(Op.NEW, X, FileType.FILE, "/etc/passwd", null),
                e(Op.RENAME, Y, FileType.FILE, "./x", "ok"))));
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("apply", "--manifests", manifests.toString(),
                "--source", tmp.resolve("mount").toString(), "--target", tmp.resolve("copy").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("NEW refused: path with an empty, '.' or '..' component: '../outside'")
                .contains("DELETE refused").contains("not a volume-relative path: '/etc/passwd'").contains("RENAME refused");
        assertThat(Files.readString(tmp.resolve("outside"))).isEqualTo("keep");
        assertThat(Files.readString(tmp.resolve("copy/ok"))).isEqualTo("ok");
        try (Stream<Path> s = Files.list(tmp.resolve("copy"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("ok");
        }
    }
}
