package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Earlier jobs' checkpoints go once the running job has one of its own, and not before; savepoints stay. */
class EarlierJobsCleanerTest {
    private static final String CRASHED = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String RUNNING = "ffeeddccbbaa99887766554433221100";

    @Test
    void waitsForTheRunningJobsFirstCompleteCheckpoint(@TempDir Path checkpoints) throws Exception {
        Path retained = checkpoint(checkpoints.resolve(CRASHED).resolve("chk-12"));
        Files.write(Files.createDirectories(checkpoints.resolve(CRASHED).resolve("shared")).resolve("sst"), new byte[1000]);
        Path savepoint = checkpoint(checkpoints.resolve("savepoints/savepoint-0a1b2c-0123abcd"));
        StringWriter printed = new StringWriter();
        EarlierJobsCleaner cleaner = new EarlierJobsCleaner(checkpoints, RUNNING, 10, new PrintWriter(printed));

        assertThat(cleaner.cleanIfCheckpointed()).isFalse();
        Files.createDirectories(checkpoints.resolve(RUNNING).resolve("chk-1")); // being written: no _metadata yet
        assertThat(cleaner.cleanIfCheckpointed()).isFalse();
        assertThat(retained).exists();

        checkpoint(checkpoints.resolve(RUNNING).resolve("chk-1"));
        assertThat(cleaner.cleanIfCheckpointed()).isTrue();
        assertThat(checkpoints.resolve(CRASHED)).doesNotExist();
        assertThat(checkpoints.resolve(RUNNING).resolve("chk-1/_metadata")).exists();
        assertThat(savepoint.resolve("_metadata")).exists();
        assertThat(printed.toString()).contains("removed the checkpoint directories of 1 earlier jobs (0.0 MB)");
    }

    @Test
    void theThreadEndsOnceItCleaned(@TempDir Path checkpoints) throws Exception {
        checkpoint(checkpoints.resolve(CRASHED).resolve("chk-3"));
        Thread t = new EarlierJobsCleaner(checkpoints, RUNNING, 10, new PrintWriter(new StringWriter())).start();
        Thread.sleep(50);
        assertThat(t.isAlive()).isTrue();
        checkpoint(checkpoints.resolve(RUNNING).resolve("chk-1"));
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(checkpoints.resolve(CRASHED)).doesNotExist();
    }

    private static Path checkpoint(Path dir) throws Exception {
        Files.writeString(Files.createDirectories(dir).resolve("_metadata"), "m");
        return dir;
    }
}
