package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gnotify watch}: positions, readable and JSON lines, filters, and clear errors for bad options. */
class WatchCommandTest {
    @Test
    void printsEachEntryWithItsPositionFromTheGivenPosition(@TempDir Path tmp) throws Exception {
        VerifyCommandTest.chain(tmp, 5);
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("watch", tmp.toString(), "--from", "2", "--count", "3");
        assertThat(r.exit()).isZero();
        assertThat(new String(r.out(), StandardCharsets.UTF_8)).isEqualTo(
                "2.1 NEW f1 00000000-0000-0001-0000-000000000001\n"
                + "3.1 NEW f2 00000000-0000-0001-0000-000000000002\n"
                + "4.1 NEW f3 00000000-0000-0001-0000-000000000003\n");
        assertThat(r.err()).contains("following the manifests").contains("from 2");
    }

    @Test
    void jsonLinesCarryThePositionWindowAndTheCommittedEntry(@TempDir Path tmp) throws Exception {
        VerifyCommandTest.chain(tmp, 3);
        JournalDumpCommandTest.Run r = JournalDumpCommandTest.run("watch", tmp.resolve("vol").toString(), "--from", "start",
                "--json", "--count", "1", "--ops", "new,DELETE", "--path-prefix", "f0");
        assertThat(r.exit()).isZero();
        assertThat(new String(r.out(), StandardCharsets.UTF_8)).isEqualTo("{\"pos\":\"1.1\",\"window_start\":1795500000,"
                + "\"window_end\":1795500060,\"kind\":\"entry\",\"op\":\"NEW\",\"gfid\":\"00000000-0000-0001-0000-000000000000\","
                + "\"ftype\":\"file\",\"path\":\"f0\"}\n");
    }

    @Test
    void badOptionsAreClearErrors(@TempDir Path tmp) throws Exception {
        VerifyCommandTest.chain(tmp, 2);
        JournalDumpCommandTest.Run bad = JournalDumpCommandTest.run("watch", tmp.toString(), "--from", "yesterday");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--from not a position");
        JournalDumpCommandTest.Run events = JournalDumpCommandTest.run("watch", tmp.toString(), "--events",
                "--path-prefix", "x");
        assertThat(events.exit()).isEqualTo(2);
        assertThat(events.err()).contains("filter by path on the manifests");
        JournalDumpCommandTest.Run none = JournalDumpCommandTest.run("watch", tmp.resolve("nothing").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("nothing");
    }
}
