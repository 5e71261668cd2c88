package io.gnotify.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.Committer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window-file writer and committer: hidden until committed, truncate on restore, idempotent commits. */
class WindowFileSinkTest {

    static WindowFileLine line(long end, String file, String text) {
        return new WindowFileLine(end, file, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAppearOnlyWhenTheirWindowIsCompleteAndCommitted(@TempDir Path dir) throws Exception {
        WindowFileWriter w = new WindowFileWriter(dir, List.of());
        w.write(line(10, "v/events/a.jsonl", "1\n"), null);
        w.write(line(20, "v/events/b.jsonl", "2\n"), null);
        w.writeWatermark(new Watermark(10 * 1000 - 1));
        Collection<WindowFileCommittable> ready = w.prepareCommit();
        assertThat(ready).extracting(WindowFileCommittable::target).containsExactly(dir.resolve("v/events/a.jsonl").toString());
        assertThat(dir.resolve("v/events/a.jsonl")).doesNotExist();
        assertThat(dir.resolve("v/events/.a.jsonl.inprogress")).hasContent("1");

        commit(ready);
        assertThat(dir.resolve("v/events/a.jsonl")).hasContent("1");
        assertThat(dir.resolve("v/events/.a.jsonl.inprogress")).doesNotExist();
        // Re-committing after a recovery is recognised, not an error.
        List<String> signals = commit(ready);
        assertThat(signals).containsExactly("already");
        w.close();
    }

    @Test
    void aWindowPublishedWithOtherBytesIsKeptAndTheNewVersionSetAside(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("v/manifests"));
        Files.writeString(dir.resolve("v/manifests/a.jsonl"), "partial\n");
        WindowFileWriter w = new WindowFileWriter(dir, List.of());
        w.write(line(10, "v/manifests/a.jsonl", "complete\n"), null);
        w.writeWatermark(new Watermark(10 * 1000 - 1));
        org.apache.flink.metrics.SimpleCounter conflicts = new org.apache.flink.metrics.SimpleCounter();

        assertThat(commit(w.prepareCommit(), new WindowFileCommitter(conflicts))).containsExactly("already");

        assertThat(dir.resolve("v/manifests/a.jsonl")).hasContent("partial");
        assertThat(dir.resolve("v/manifests/a.jsonl" + WindowFileCommitter.CONFLICT_SUFFIX)).hasContent("complete");
        assertThat(dir.resolve("v/manifests/.a.jsonl.inprogress")).doesNotExist();
        assertThat(conflicts.getCount()).isEqualTo(1);
        w.close();
    }

    @Test
    void restoreTruncatesToTheCheckpointedLength(@TempDir Path dir) throws Exception {
        WindowFileWriter w = new WindowFileWriter(dir, List.of());
        w.write(line(10, "f.jsonl", "before\n"), null);
        List<WindowFileWriterState> state = w.snapshotState(1);
        w.write(line(10, "f.jsonl", "after the checkpoint\n"), null);
        w.snapshotState(2);
        w.close();

        WindowFileWriter restored = new WindowFileWriter(dir, state);
        restored.write(line(10, "f.jsonl", "again\n"), null);
        restored.flush(true);
        commit(restored.prepareCommit());
        assertThat(dir.resolve("f.jsonl")).hasContent("before\nagain");
    }

    @Test
    void aRestoreThatLostDataFailsClearly(@TempDir Path dir) throws Exception {
        List<WindowFileWriterState> state = checkpointed(dir, "some bytes\n");
        Files.write(dir.resolve(".f.jsonl.inprogress"), new byte[2]);
        assertThatThrownBy(() -> new WindowFileWriter(dir, state)).hasMessageContaining("recorded 11 bytes")
                .hasMessageContaining(".f.jsonl.inprogress");
    }

    @Test
    void aPublishThatFailsNamesTheFileLikeAFailedWrite(@TempDir Path dir) throws Exception {
        WindowFileWriter w = new WindowFileWriter(dir, List.of());
        w.write(line(10, "v/manifests/a.jsonl", "1\n"), null);
        w.writeWatermark(new Watermark(10 * 1000 - 1));
        WindowFileCommittable ready = w.prepareCommit().iterator().next();
        // The target's directory is gone (as unwritable as a read-only one, which root cannot be refused).
        WindowFileCommittable elsewhere = new WindowFileCommittable(ready.inProgress(),
                dir.resolve("gone/a.jsonl").toString());
        assertThatThrownBy(() -> commit(List.of(elsewhere)))
                .hasMessageStartingWith("gnotify cannot write " + dir.resolve("gone/a.jsonl"))
                .hasMessageContaining("restarts from its last checkpoint");
        assertThat(Path.of(ready.inProgress())).hasContent("1");
    }

    @Test
    void aRestoreThatCannotReopenItsFileNamesIt(@TempDir Path dir) throws Exception {
        List<WindowFileWriterState> state = checkpointed(dir, "");
        Files.delete(dir.resolve(".f.jsonl.inprogress"));
        Files.createDirectory(dir.resolve(".f.jsonl.inprogress"));
        assertThatThrownBy(() -> new WindowFileWriter(dir, state))
                .hasMessageStartingWith("gnotify cannot write " + dir.resolve(".f.jsonl.inprogress"));
    }

    /** The state of a checkpoint taken after writing {@code text} to the open window file {@code f.jsonl}. */
    private static List<WindowFileWriterState> checkpointed(Path dir, String text) throws Exception {
        WindowFileWriter w = new WindowFileWriter(dir, List.of());
        w.write(line(10, "f.jsonl", text), null);
        List<WindowFileWriterState> state = w.snapshotState(1);
        w.close();
        return state;
    }

    private static List<String> commit(Collection<WindowFileCommittable> committables) throws Exception {
        return commit(committables, new WindowFileCommitter());
    }

    private static List<String> commit(Collection<WindowFileCommittable> committables, WindowFileCommitter committer)
            throws Exception {
        List<String> signals = new ArrayList<>();
        List<Committer.CommitRequest<WindowFileCommittable>> requests = new ArrayList<>();
        for (WindowFileCommittable c : committables) {
            requests.add(new Committer.CommitRequest<>() {
                public WindowFileCommittable getCommittable() {
                    return c;
                }

                public int getNumberOfRetries() {
                    return 0;
                }

                public void signalFailedWithKnownReason(Throwable t) {
                    signals.add("failed: " + t.getMessage());
                }

                public void signalFailedWithUnknownReason(Throwable t) {
                    signals.add("failed: " + t.getMessage());
                }

                public void retryLater() {
                    signals.add("retry");
                }

                public void updateAndRetryLater(WindowFileCommittable committable) {
                    signals.add("retry");
                }

                public void signalAlreadyCommitted() {
                    signals.add("already");
                }
            });
        }
        committer.commit(requests);
        return signals;
    }
}
