package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded run keeps Flink's working and temporary files in its state directory and removes earlier runs' ones. */
class EmbeddedWorkDirTest {
    @Test
    void cleaningRemovesEverythingInsideAndCreatesTheDirectory(@TempDir Path state) throws Exception {
        Path work = EmbeddedWorkDir.clean(state);
        assertThat(work).isEqualTo(state.toAbsolutePath().resolve("work")).isEmptyDirectory();
        Files.createDirectories(work.resolve("minicluster_ab/tm_0/tmp"));
        Files.writeString(work.resolve("minicluster_ab/tm_0/tmp/lib.so"), "x");
        Files.writeString(EmbeddedWorkDir.tmp(work).resolve("flink-rpc-akka1.jar"), "x");
        Files.writeString(work.resolve("stray"), "x");
        assertThat(EmbeddedWorkDir.clean(state)).isEmptyDirectory();
    }

    @Test
    void runsLeaveNothingInTheSystemTemporaryDirectoryAndOnlyTheLastRunsFilesInTheStateDirectory(@TempDir Path tmp)
            throws Exception {
        Path bricks = Fixtures.fixture("dr22-ascii").resolve("bricks");
        List<String> before = flinkFilesIn(Path.of(System.getProperty("java.io.tmpdir")));
        Dr22Runs.run(bricks, tmp.resolve("run"));
        List<String> first = list(tmp.resolve("run/state/work"));
        Dr22Runs.run(bricks, tmp.resolve("run"));
        List<String> second = list(tmp.resolve("run/state/work"));

        assertThat(flinkFilesIn(Path.of(System.getProperty("java.io.tmpdir")))).isSubsetOf(before);
        assertThat(first).filteredOn(n -> n.startsWith("minicluster_")).hasSize(1);
        assertThat(second).filteredOn(n -> n.startsWith("minicluster_")).hasSize(1).doesNotContainAnyElementsOf(first);
        assertThat(second).contains("tmp");
    }

    /** What Flink's embedded cluster writes straight into a temporary directory. */
    private static List<String> flinkFilesIn(Path dir) throws Exception {
        return list(dir).stream().filter(n -> n.startsWith("minicluster_") || n.startsWith("flink-")).toList();
    }

    private static List<String> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
