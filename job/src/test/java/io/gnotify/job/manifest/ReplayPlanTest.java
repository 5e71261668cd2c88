package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Replay plans apply cleanly on a file-system-like copy in the cases where a naive order fails. */
class ReplayPlanTest {
    static GfidKey g(long n) {
        return WindowDiffTest.g(n);
    }

    /** Builds the namespace from {@code setup} (mirrored into a path copy), then replays {@code window}'s diff on the copy. */
    static Map<String, String> replay(List<VolumeEvent> setup, List<VolumeEvent> window) {
        HeapNamespaceStore store = new HeapNamespaceStore();
        PathModel copy = new PathModel();
        for (List<VolumeEvent> w : List.of(setup, window)) {
            WindowChanges changes = new WindowChanges(store);
            w.forEach(changes::apply);
            ReplayPlan.of(WindowDiff.of(changes)).forEach(copy::apply);
        }
        return new TreeMap<>(copy.paths);
    }

    @Test
    void aSwapGoesThroughTemporaryNames() {
        Map<String, String> end = replay(
                List.of(WindowDiffTest.create(g(1), GfidKey.ROOT, "a"), WindowDiffTest.create(g(2), GfidKey.ROOT, "b")),
                List.of(WindowDiffTest.rename(g(1), GfidKey.ROOT, "a", GfidKey.ROOT, "t"),
                        WindowDiffTest.rename(g(2), GfidKey.ROOT, "b", GfidKey.ROOT, "a"),
                        WindowDiffTest.rename(g(1), GfidKey.ROOT, "t", GfidKey.ROOT, "b")));
        assertThat(end).containsExactly(Map.entry("a", "f " + g(2)), Map.entry("b", "f " + g(1)));
    }

    @Test
    void aFileMovedOutOfADeletedDirectoryAndIntoANewOne() {
        Map<String, String> end = replay(
                List.of(WindowDiffTest.mkdir(g(10), GfidKey.ROOT, "old"), WindowDiffTest.create(g(1), g(10), "f"),
                        WindowDiffTest.create(g(2), g(10), "junk")),
                List.of(WindowDiffTest.mkdir(g(11), GfidKey.ROOT, "new"), WindowDiffTest.rename(g(1), g(10), "f", g(11), "f"),
                        WindowDiffTest.unlink(g(2), g(10), "junk"),
                        WindowDiffTest.ev(WindowDiffTest.entry(io.gnotify.connectors.journal.Fop.RMDIR, g(10), GfidKey.ROOT,
                                WindowDiffTest.b("old")).deletedPath(WindowDiffTest.b("old")).build())));
        assertThat(end).containsExactly(Map.entry("new", "d " + g(11)), Map.entry("new/f", "f " + g(1)));
    }

    @Test
    void aRenamedDirectoryWithARenamedChildAndARenameOverAnExistingName() {
        Map<String, String> end = replay(
                List.of(WindowDiffTest.mkdir(g(10), GfidKey.ROOT, "d"), WindowDiffTest.create(g(1), g(10), "x"),
                        WindowDiffTest.create(g(2), GfidKey.ROOT, "y")),
                List.of(WindowDiffTest.rename(g(10), GfidKey.ROOT, "d", GfidKey.ROOT, "e"),
                        WindowDiffTest.rename(g(1), g(10), "x", GfidKey.ROOT, "y")));
        assertThat(end).containsExactly(Map.entry("e", "d " + g(10)), Map.entry("y", "f " + g(1)));
    }
}
