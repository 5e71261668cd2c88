package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.create;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static io.gnotify.job.manifest.WindowDiffTest.mkdir;
import static io.gnotify.job.manifest.WindowDiffTest.rename;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.crawl.GfidSource;
import io.gnotify.connectors.crawl.Xattrs;
import io.gnotify.connectors.journal.Gfid;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hole in the journals recovered by crawl: the namespace knew d/keep, d/old, d/moved and d/written; meanwhile
 * the volume lost d/old, renamed d/moved to d/renamed, gained d/new and rewrote d/written. The window after the
 * hole shows exactly that, and the namespace ends as the volume is. (The crawl reads {@code trusted.gfid} of a
 * directory laid out like a brick, as root, as the CI does.)
 */
class GapRecoveryTest {
    static final GfidKey ROOT = GfidKey.ROOT;

    @Test
    void theWindowAfterAHoleShowsWhatTheVolumeGainedLostMovedAndRewrote(@TempDir Path volume) throws Exception {
        HeapNamespaceStore store = new HeapNamespaceStore();
        WindowChanges known = new WindowChanges(store);
        List.of(mkdir(g(1), ROOT, "d"), create(g(2), g(1), "keep"), create(g(3), g(1), "old"), create(g(4), g(1), "moved"),
                create(g(6), g(1), "written")).forEach(known::apply);

        entry(volume, "d", g(1), true);
        entry(volume, "d/keep", g(2), false);
        entry(volume, "d/renamed", g(4), false);
        entry(volume, "d/new", g(5), false);
        entry(volume, "d/written", g(6), false);
        long now = System.currentTimeMillis() / 1000;

        // Nothing written since the hole's start (it starts after the files' times): names only.
        WindowChanges window = new WindowChanges(store);
        GapRecovery.Outcome o = new GapRecovery(volume.toString(), GfidSource.BRICK)
                .reconcile(window, store, List.of(g(1), g(2), g(3), g(4), g(6)), now + 3600, now);
        assertThat(WindowDiff.of(window)).extracting(ManifestEntry::toString).containsExactlyInAnyOrder(
                "NEW d/new (file)", "DELETE d/old (file)", "RENAME d/moved -> d/renamed (file)");
        assertThat(o).isEqualTo(new GapRecovery.Outcome(5, 2, 0, 2, 0));
        assertThat(store.entry(new Link(g(1), b("renamed")))).isEqualTo(g(4));
        assertThat(store.inode(g(3))).isNull();

        // The next hole began before the files were written: what changed since is modified, the rest stays.
        WindowChanges next = new WindowChanges(store);
        o = new GapRecovery(volume.toString(), GfidSource.BRICK).reconcile(next, store, List.of(g(1), g(2), g(4), g(5), g(6)),
                now - 60, now);
        assertThat(WindowDiff.of(next)).extracting(ManifestEntry::toString)
                .contains("MODIFY d/written (file)", "MODIFY d/new (file)").noneMatch(e -> !e.startsWith("MODIFY") && !e.startsWith("META"));
        assertThat(o.added()).isZero();
        assertThat(o.removed()).isZero();
    }

    /**
     * A purged journal held mkdir e and e/x; the journals after it created e/s and renamed e/x to e/y. Their window
     * could give neither a path. The reconciling window gives both, and e/y the type the journals never gave
     * (the lab's ChangelogOffLabIT once lost a symlink this way).
     */
    @Test
    void namesTheJournalsPutUnderADirectoryOfTheHoleGetTheirPaths(@TempDir Path volume) throws Exception {
        HeapNamespaceStore store = new HeapNamespaceStore();
        WindowChanges gap = new WindowChanges(store);
        List.of(create(g(2), g(1), "s"), rename(g(3), g(1), "x", g(1), "y")).forEach(gap::apply);
        assertThat(WindowDiff.of(gap)).extracting(ManifestEntry::toString)
                .containsExactlyInAnyOrder("NEW <unresolved> (file)", "NEW <unresolved> (other)");

        entry(volume, "e", g(1), true);
        entry(volume, "e/s", g(2), false);
        entry(volume, "e/y", g(3), false);
        entry(volume, "e/z", g(4), false);
        long now = System.currentTimeMillis() / 1000;
        WindowChanges window = new WindowChanges(store);
        GapRecovery.Outcome o = new GapRecovery(volume.toString(), GfidSource.BRICK)
                .reconcile(window, store, List.of(g(2), g(3)), now + 3600, now);
        assertThat(WindowDiff.of(window)).extracting(ManifestEntry::toString).containsExactlyInAnyOrder(
                "NEW e (dir)", "NEW e/s (file)", "NEW e/y (file)", "NEW e/z (file)");
        assertThat(o).isEqualTo(new GapRecovery.Outcome(4, 2, 2, 0, 0));

        // The next reconciliation finds everything placed.
        WindowChanges next = new WindowChanges(store);
        o = new GapRecovery(volume.toString(), GfidSource.BRICK).reconcile(next, store, List.of(g(1), g(2), g(3), g(4)),
                now + 3600, now);
        assertThat(WindowDiff.of(next)).isEmpty();
        assertThat(o).isEqualTo(new GapRecovery.Outcome(4, 0, 0, 0, 0));
    }

    @Test
    void windowsWithAGapReconcileOnceTheHoleEnds() {
        List<BrickWindowStatus> gap = List.of(new BrickWindowStatus("h:/b1", "gap", 0, 0), new BrickWindowStatus("h:/b2", "ok", 0, 0));
        List<BrickWindowStatus> ok = List.of(new BrickWindowStatus("h:/b1", "ok", 0, 0), new BrickWindowStatus("h:/b2", "ok", 0, 0));
        GapRecovery r = new GapRecovery("/mnt/v");
        assertThat(r.onClose("w1", 100, ok, 15, false)).isEqualTo(GapRecovery.NONE);
        assertThat(r.onClose("w2", 105, gap, 15, false)).isEqualTo(GapRecovery.NONE);
        assertThat(r.onClose("w3", 110, gap, 15, false)).isEqualTo(GapRecovery.NONE);
        assertThat(r.pendingSince()).isEqualTo(89);
        assertThat(r.onClose("w4", 115, ok, 15, false)).isEqualTo(89);
        assertThat(r.onClose("w5", 120, ok, 15, false)).isEqualTo(GapRecovery.NONE);
        // The last window of a bounded run reconciles even while its hole lasts.
        assertThat(r.onClose("w6", 125, gap, 15, true)).isEqualTo(109);
        // Without a mount nothing is reconciled and nothing stays pending.
        GapRecovery none = new GapRecovery(null);
        assertThat(none.onClose("w2", 105, gap, 15, false)).isEqualTo(GapRecovery.NONE);
        assertThat(none.pendingSince()).isEqualTo(GapRecovery.NONE);
    }

    /** The header states the reconciliation and the hole's range, and reads back. */
    @Test
    void theHeaderStatesTheHolesRange(@TempDir Path dir) throws Exception {
        ManifestWindow w = new ManifestWindow("v", "id", 1795500100, 1795500105, 3, false, "abc",
                List.of(new BrickWindowStatus("h:/b1", "ok", 1795500101, 1795500104)), 1795500080L);
        ManifestFormat.Rendered r = ManifestFormat.manifest(w, List.of());
        String header = new String(r.bytes(), StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertThat(header).contains("\"reconcile\":true,\"reconcile_since\":1795500080,\"reconcile_until\":1795500100");
        Path file = dir.resolve("1795500100-1795500105.jsonl");
        Files.write(file, r.bytes());
        assertThat(ManifestFile.read(file).window()).isEqualTo(w);
    }

    private static void entry(Path volume, String rel, GfidKey gfid, boolean dir) throws Exception {
        Path p = volume.resolve(rel);
        if (dir) {
            Files.createDirectories(p);
        } else {
            Files.writeString(p, rel);
        }
        byte[] raw = new byte[16];
        Gfid.writeRaw(gfid.msb(), gfid.lsb(), raw, 0);
        Xattrs.set(p.toString().getBytes(StandardCharsets.UTF_8), "trusted.gfid", raw);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
