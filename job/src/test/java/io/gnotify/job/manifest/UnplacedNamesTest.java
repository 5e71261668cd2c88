package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.create;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static io.gnotify.job.manifest.WindowDiffTest.mkdir;
import static io.gnotify.job.manifest.WindowDiffTest.rename;
import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names published without a path get it in the first window that can place them, even when that window touches
 * only a directory above them: directory d (g1) is unknown (a hole in the journals created it), the journals
 * create d/e (g2) and d/e/x (g3); later windows give d, or e, a name.
 */
class UnplacedNamesTest {
    static final GfidKey ROOT = GfidKey.ROOT;
    private final HeapNamespaceStore store = new HeapNamespaceStore();

    /** Applies {@code events} as one window, publishes its manifest to {@code names}, returns the entries as text. */
    private List<String> window(UnplacedNames names, List<VolumeEvent> events) {
        WindowChanges changes = new WindowChanges(store);
        events.forEach(changes::apply);
        if (names != null) {
            names.onClose(changes);
        }
        List<ManifestEntry> entries = WindowDiff.of(changes);
        if (names != null) {
            names.published(entries, store::inode);
        }
        return entries.stream().map(ManifestEntry::toString).toList();
    }

    private List<String> hole(UnplacedNames names) {
        return window(names, List.of(mkdir(g(2), g(1), "e"), create(g(3), g(2), "x")));
    }

    @Test
    void aNameUnderADirectoryTheJournalsLaterRenameGetsItsPathThen() {
        UnplacedNames names = new UnplacedNames(100);
        assertThat(hole(names)).containsExactlyInAnyOrder("NEW <unresolved> (dir)", "NEW <unresolved> (file)");
        assertThat(names.size()).isEqualTo(2);

        assertThat(window(names, List.of(rename(g(1), g(50), "old", ROOT, "d")))).containsExactlyInAnyOrder(
                "NEW d (other)", "NEW d/e (dir)", "NEW d/e/x (file)");
        assertThat(names.size()).isZero();
        // Placed once: the next window touching d says nothing more of them.
        assertThat(window(names, List.of(WindowDiffTest.chmod(g(1))))).containsExactly("META d (other)");
    }

    /** Without the tracking, the rename's window places d alone: d/e and d/e/x never get a path. */
    @Test
    void withoutTrackingOnlyTheRenamedDirectoryIsPublished() {
        hole(null);
        assertThat(window(null, List.of(rename(g(1), g(50), "old", ROOT, "d")))).containsExactly("NEW d (other)");
    }

    @Test
    void aRenameOfADirectoryBetweenTheNameAndTheUnknownOnePlacesTheName() {
        UnplacedNames names = new UnplacedNames(100);
        hole(names);
        assertThat(window(names, List.of(rename(g(2), g(1), "e", ROOT, "top")))).containsExactlyInAnyOrder(
                "RENAME top (dir)", "NEW top/x (file)");
        assertThat(names.size()).isZero();
    }

    /** d moves under another unknown directory: nothing is placed yet, and the names wait for that one. */
    @Test
    void namesStillWithoutAPathWaitForTheNextUnknownDirectory() {
        UnplacedNames names = new UnplacedNames(100);
        hole(names);
        assertThat(window(names, List.of(rename(g(1), g(50), "old", g(60), "d")))).containsExactly("NEW <unresolved> (other)");
        assertThat(names.size()).isEqualTo(3);

        // Restored from a checkpoint, the tracking goes on as before.
        UnplacedNames restored = new UnplacedNames(100);
        names.snapshot().forEach(restored::restore);
        assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(names.snapshot());
        assertThat(window(restored, List.of(rename(g(60), g(70), "q", ROOT, "p")))).containsExactlyInAnyOrder(
                "NEW p (other)", "NEW p/d (other)", "NEW p/d/e (dir)", "NEW p/d/e/x (file)");
        assertThat(restored.size()).isZero();
    }

    @Test
    void pastItsCapacityNamesAreCountedNotTracked() {
        UnplacedNames names = new UnplacedNames(1);
        hole(names);
        assertThat(names.size()).isEqualTo(1);
        assertThat(names.untracked()).isEqualTo(1);
        assertThat(new UnplacedNames(0).size()).isZero();
    }

    /** A tracked name deleted before its directory is placed is dropped. */
    @Test
    void aDeletedNameIsNoLongerTracked() {
        UnplacedNames names = new UnplacedNames(100);
        hole(names);
        window(names, List.of(WindowDiffTest.unlink(g(3), g(2), "x")));
        assertThat(names.size()).isEqualTo(1);
        assertThat(window(names, List.of(rename(g(1), g(50), "old", ROOT, "d")))).containsExactlyInAnyOrder(
                "NEW d (other)", "NEW d/e (dir)");
    }
}
