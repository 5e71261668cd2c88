package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gnotify journal dump} on real bricks: output equals libgfchangelog's, problems are reported. */
class JournalDumpCommandTest {

    /** Runs the CLI with stdout/stderr captured. */
    record Run(int exit, byte[] out, String err) {}

    static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true));
            var cli = GnotifyCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            System.out.flush();
            return new Run(exit, out.toByteArray(), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void dumpsABrickExactlyAsLibgfchangelogDecodesIt() throws Exception {
        Run r = run("journal", "dump", Fixtures.brick("dr22-ascii", "b3").toString());
        assertThat(r.exit()).isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (Path journal : Fixtures.journals("dr22-ascii", "b3")) {
            Path decoded = Fixtures.meta("dr22-ascii", "b3").resolve("libgfchangelog-decoded").resolve(journal.getFileName());
            if (Files.exists(decoded)) {
                expected.write(Files.readAllBytes(decoded));
            }
        }
        assertThat(r.out()).isEqualTo(expected.toByteArray());
        assertThat(r.err()).contains("records=3743 problems=0").contains("missing=0");
    }

    @Test
    void fromAndToSelectJournalsAndStatsGoToStdout() {
        Run r = run("journal", "dump", "--stats", "--from", "1795500295", "--to", "1795500295",
                Fixtures.brick("single-tiny", "b1").toString());
        assertThat(r.exit()).isZero();
        assertThat(new String(r.out())).contains("journals=1 empty=0").contains("rollovers 1795500295..1795500295");
    }

    @Test
    void corruptJournalsAreReportedWithFileAndOffsetAndTheRestIsDumped(@TempDir Path tmp) throws Exception {
        Path brick = tmp.resolve("b1");
        Fixtures.copyBrick("single-tiny", "b1", brick);
        List<Path> journals = Fixtures.journals("single-tiny", "b1");
        Path corrupt = Fixtures.copiedJournal("single-tiny", "b1", brick, 1);
        byte[] bytes = Files.readAllBytes(corrupt);
        bytes[51] = 'Z';
        Files.write(corrupt, bytes);
        Path missing = Fixtures.copiedJournal("single-tiny", "b1", brick, 3);
        Files.delete(missing);

        Run r = run("journal", "dump", brick.toString());

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("GARBAGE in " + corrupt + " at offset 51")
                .contains("MISSING_JOURNAL in " + missing)
                .contains("missing=1").contains("problems=2");
        long lines = new String(r.out()).lines().count();
        long original = 322;
        long lost = 1 + Fixtures.readStrict(journals.get(3)).size();
        assertThat(lines).isEqualTo(original - lost);
    }

    @Test
    void aPathThatIsNoBrickFailsClearly(@TempDir Path tmp) {
        Run r = run("journal", "dump", tmp.resolve("nope").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read brick journals at " + tmp.resolve("nope"));
    }

}
