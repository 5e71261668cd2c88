package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's own figures: the state directory's size (taken while Flink may be deleting subsumed checkpoints under it) and the collector's. */
class RunSummaryTest {
    @TempDir
    Path tmp;

    @Test
    void sumsTheRegularFilesUnderADirectory() throws Exception {
        Files.createDirectories(tmp.resolve("a/b"));
        Files.write(tmp.resolve("a/one"), new byte[100]);
        Files.write(tmp.resolve("a/b/two"), new byte[23]);
        assertThat(RunSummary.sizeOnDisk(tmp)).isEqualTo(123);
        assertThat(RunSummary.sizeOnDisk(tmp.resolve("missing"))).isZero();
    }

    @Test
    void leavesOutFlinksWorkingFiles() throws Exception {
        Files.write(Files.createDirectories(tmp.resolve("checkpoints/job")).resolve("_metadata"), new byte[40]);
        Files.write(Files.createDirectories(tmp.resolve("work/tmp")).resolve("flink-rpc.jar"), new byte[1000]);
        Files.write(Files.createDirectories(tmp.resolve("rocksdb/work")).resolve("000001.sst"), new byte[2]);
        assertThat(RunSummary.sizeOnDisk(tmp)).isEqualTo(42);
    }

    @Test
    void collectionsAreCountedPerCollectorAndTheYoungGenerationIsSized() {
        long before = RunSummary.collections().stream().mapToLong(c -> (Long) c.get("count")).sum();
        System.gc();
        var after = RunSummary.collections();
        assertThat(after).isNotEmpty().allSatisfy(c -> {
            assertThat((String) c.get("name")).isNotBlank();
            assertThat((Double) c.get("seconds")).isNotNegative();
        });
        assertThat(after.stream().mapToLong(c -> (Long) c.get("count")).sum()).isGreaterThan(before);
        long heap = Runtime.getRuntime().maxMemory();
        assertThat(RunSummary.youngGenerationMax()).isPositive().isLessThanOrEqualTo(2 * heap);
    }

    @Test
    void directoriesRemovedDuringTheWalkAreSkipped() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        Thread churn = new Thread(() -> {
            for (int i = 0; !done.get(); i++) {
                Path chk = tmp.resolve("chk-" + i);
                try {
                    Files.createDirectories(chk.resolve("shared"));
                    for (int f = 0; f < 20; f++) {
                        Files.write(chk.resolve("shared/f" + f), new byte[10]);
                    }
                    try (Stream<Path> all = Files.walk(chk)) {
                        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                } catch (Exception ignored) {
                    // The walk under test may hold a directory open; the next round goes on.
                }
            }
        });
        churn.start();
        try {
            for (int i = 0; i < 2_000; i++) {
                assertThat(RunSummary.sizeOnDisk(tmp)).isBetween(0L, 200L);
            }
        } finally {
            done.set(true);
            churn.join();
        }
    }
}
