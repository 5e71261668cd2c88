package io.gnotify.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run resumes from, and what the pruning after a catch-up run's savepoint removes and keeps. */
class LatestCheckpointTest {
    private static final String JOB_A = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String JOB_B = "ffeeddccbbaa99887766554433221100";

    @Test
    void resumesFromTheNewestCompleteCheckpointOrSavepoint(@TempDir Path dir) throws Exception {
        Path older = complete(dir.resolve(JOB_A).resolve("chk-7"), 1_000);
        Path newer = complete(dir.resolve("savepoints/savepoint-0a1b2c-1234abcd"), 2_000);
        Files.createDirectories(dir.resolve(JOB_B).resolve("chk-9")); // no _metadata: still being written
        assertThat(LatestCheckpoint.in(dir)).contains(newer);
        Files.setLastModifiedTime(older.resolve("_metadata"), FileTime.fromMillis(3_000));
        assertThat(LatestCheckpoint.in(dir)).contains(older);
        assertThat(LatestCheckpoint.in(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void theSameTimeGoesToTheHigherCheckpointNumber(@TempDir Path dir) throws Exception {
        complete(dir.resolve(JOB_A).resolve("chk-9"), 5_000);
        Path ten = complete(dir.resolve(JOB_A).resolve("chk-10"), 5_000);
        assertThat(LatestCheckpoint.in(dir)).contains(ten);
    }

    @Test
    void keepsTheNewestCompleteSavepoints(@TempDir Path dir) throws Exception {
        Path first = complete(dir.resolve("savepoint-aa-01"), 1_000);
        Path second = complete(dir.resolve("savepoint-aa-02"), 2_000);
        Path third = complete(dir.resolve("savepoint-aa-03"), 3_000);
        Path partial = Files.createDirectories(dir.resolve("savepoint-aa-04"));
        LatestCheckpoint.keepNewestSavepoints(dir, 2);
        assertThat(second).exists();
        assertThat(third).exists();
        assertThat(first).doesNotExist();
        assertThat(partial).as("a savepoint being written is left alone").exists();
    }

    @Test
    void removesEveryEndedJobsDirectoryWithWhatIsLeftInIt(@TempDir Path dir) throws Exception {
        Path savepoints = complete(dir.resolve("savepoints/savepoint-aa-01"), 1_000).getParent();
        // A job that stopped cleanly leaves its empty directories.
        Path stopped = Files.createDirectories(dir.resolve(JOB_A).resolve("shared"));
        Files.createDirectories(dir.resolve(JOB_A).resolve("taskowned"));
        // A checkpoint aborted by the stop can leave files in shared; a crashed run leaves retained checkpoints.
        Path orphan = Files.writeString(Files.createDirectories(dir.resolve(JOB_B).resolve("shared")).resolve("sst-1"), "x");
        complete(dir.resolve(JOB_B).resolve("chk-3"), 500);
        Path current = Files.createDirectories(dir.resolve("1234567890abcdef1234567890abcdef").resolve("shared"));
        Files.writeString(dir.resolve("note.txt"), "not a job");

        LatestCheckpoint.removeJobDirectories(dir, Set.of(savepoints, current.getParent()));

        assertThat(stopped.getParent()).doesNotExist();
        assertThat(orphan.getParent().getParent()).doesNotExist();
        assertThat(current).exists();
        assertThat(savepoints.resolve("savepoint-aa-01/_metadata")).exists();
        assertThat(dir.resolve("note.txt")).exists();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("savepoints", "1234567890abcdef1234567890abcdef", "note.txt");
        }
        LatestCheckpoint.removeJobDirectories(dir.resolve("missing"), Set.of());
    }

    private static Path complete(Path checkpoint, long modifiedMillis) throws Exception {
        Path metadata = Files.writeString(Files.createDirectories(checkpoint).resolve("_metadata"), "m");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
        return checkpoint;
    }
}
