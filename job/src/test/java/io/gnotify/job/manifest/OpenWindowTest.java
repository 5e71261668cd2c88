package io.gnotify.job.manifest;

import static io.gnotify.job.manifest.WindowDiffTest.create;
import static io.gnotify.job.manifest.WindowDiffTest.g;
import static io.gnotify.job.manifest.WindowDiffTest.mkdir;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The open window as a failed reconciliation leaves it: changes applied to it that are not its own operations
 * (a crawl's, cut off halfway) are gone once it is rebuilt from its log, and the store never saw them.
 */
class OpenWindowTest {
    private static OpenWindow window(NamespaceStore store) {
        return new OpenWindow(store, null, new RolloverSpacing(), AnonymousInodeDir.UNKNOWN, 2, 16, RecentNames.NONE);
    }

    @Test
    void aRebuiltWindowHoldsOnlyItsOwnOperations() {
        HeapNamespaceStore store = new HeapNamespaceStore();
        OpenWindow w = window(store);
        w.add(mkdir(g(1), GfidKey.ROOT, "d"));
        w.add(create(g(2), g(1), "f"));
        // Half a reconciliation: applied to the window's changes and cache, not logged.
        w.changes.apply(create(g(3), g(1), "found-by-crawl"));
        assertThat(WindowDiff.of(w.changes)).hasSize(3);

        OpenWindow rebuilt = w.rebuilt(window(store));
        assertThat(WindowDiff.of(rebuilt.changes)).extracting(ManifestEntry::toString)
                .containsExactlyInAnyOrder("NEW d (dir)", "NEW d/f (file)");
        assertThat(rebuilt.operations()).isEqualTo(2);
        assertThat(rebuilt.cache.inode(g(3))).isNull();
        assertThat(rebuilt.cache.entry(new Link(g(1), "found-by-crawl".getBytes(StandardCharsets.UTF_8)))).isNull();
        // Nothing reached the store: the window is only written at its close.
        assertThat(store.inode(g(1))).isNull();
        assertThat(rebuilt.cache.changedInodes()).containsExactlyInAnyOrder(g(1), g(2));
    }
}
