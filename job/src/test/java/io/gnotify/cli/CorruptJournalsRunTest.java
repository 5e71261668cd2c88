package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalEncoder;
import io.gnotify.connectors.journal.JournalHeader;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.job.FixtureVolumes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The malformed-journal corpus through the whole job, as users run it: one brick of each replica pair of dr22
 * gets spliced garbage, a broken record type, a torn record and a crafted record whose name would leave its
 * directory. {@code gnotify run} finishes, reports each problem for its brick, and because every valid record
 * still arrives (the other replica logged the same operations) it writes exactly the manifests of a clean run.
 */
class CorruptJournalsRunTest {
    @Test
    void theJobKeepsRunningCountsEveryProblemAndLosesNothingValid(@TempDir Path tmp) throws Exception {
        Path clean = Fixtures.fixture("dr22-ascii");
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        for (String brick : new String[] {"b1", "b3"}) {
            List<Path> journals = journals(bricks.resolve(brick));
            splice(journals.get(journals.size() / 3));
            breakType(journals.get(journals.size() / 2));
            escapingName(journals.get(2 * journals.size() / 3));
        }

        JsonNode cleanRun = Dr22Runs.run(clean.resolve("bricks"), tmp.resolve("clean"));
        JsonNode corruptRun = Dr22Runs.run(bricks, tmp.resolve("corrupt"));

        assertThat(FixtureVolumes.files(tmp.resolve("corrupt/out/dr22/manifests")))
                .containsExactlyInAnyOrderEntriesOf(FixtureVolumes.files(tmp.resolve("clean/out/dr22/manifests")));
        assertThat(corruptRun.path("operations").asLong()).isEqualTo(cleanRun.path("operations").asLong());
        for (String brick : new String[] {"b1", "b2", "b3", "b4"}) {
            JsonNode b = corruptRun.path("bricks").path("vm:/srv/gl/dr22/" + brick);
            if (brick.equals("b1") || brick.equals("b3")) {
                // Spliced garbage may swallow the record it lands in: one or two problems there, one for each other.
                assertThat(b.path("problems").asLong()).as(brick).isBetween(3L, 4L);
                assertThat(b.path("skipped_bytes").asLong()).as(brick).isPositive();
            } else {
                assertThat(b.path("problems").asLong()).as(brick).isZero();
            }
            assertThat(cleanRun.path("bricks").path("vm:/srv/gl/dr22/" + brick).path("problems").asLong()).isZero();
        }
    }

    private static List<Path> journals(Path brick) throws Exception {
        try (Stream<Path> s = Files.walk(brick.resolve(".glusterfs/changelogs"))) {
            return s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d+")).filter(CorruptJournalsRunTest::hasRecords)
                    .sorted().toList();
        }
    }

    private static boolean hasRecords(Path journal) {
        try {
            return Files.size(journal) > 200;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Garbage bytes in the middle of the journal's records. */
    private static void splice(Path journal) throws Exception {
        byte[] b = Files.readAllBytes(journal);
        int at = b.length / 2;
        byte[] garbage = "\u0001\u0002garbage\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[b.length + garbage.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(garbage, 0, out, at, garbage.length);
        System.arraycopy(b, at, out, at + garbage.length, b.length - at);
        Files.write(journal, out);
    }

    /** The type byte of the journal's middle record becomes one no record has. */
    private static void breakType(Path journal) throws Exception {
        List<JournalRecord> records = new java.util.ArrayList<>();
        JournalReader r = JournalReader.open(journal, ProblemListener.STRICT);
        for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
            records.add(rec);
        }
        byte[] b = Files.readAllBytes(journal);
        b[(int) records.get(records.size() / 2).offset()] = 'X';
        Files.write(journal, b);
    }

    /** A well-formed CREATE whose name would climb out of its directory, appended to the journal. */
    private static void escapingName(Path journal) throws Exception {
        byte[] b = Files.readAllBytes(journal);
        JournalHeader header = JournalHeader.parse(b, b.length, journal.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b);
        new JournalEncoder(header).write(JournalRecord.builder(RecordType.ENTRY, 42, 42).fop(Fop.CREATE)
                .modeOwner(0100644, 0, 0).entry(0, 1, "../../etc/cron.d/x".getBytes(StandardCharsets.US_ASCII)).build(), out);
        Files.write(journal, out.toByteArray());
    }
}
