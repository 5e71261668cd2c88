package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journal after journal through one reused buffer decodes exactly what separate reads decode. */
class JournalReaderBufferTest {
    @Test
    void aReusedBufferNeverLeaksTheLongerPreviousJournal() throws Exception {
        List<Path> journals = new ArrayList<>();
        for (String fixture : List.of("dr22-ascii", "dist2-binary")) {
            for (String brick : Fixtures.bricks(fixture)) {
                journals.addAll(Fixtures.journals(fixture, brick));
            }
        }
        // Largest first, so every later journal lands in a buffer holding the tail of a longer one.
        journals.sort(Comparator.comparingLong((Path p) -> p.toFile().length()).reversed());
        byte[] buffer = null;
        int reused = 0;
        for (Path journal : journals) {
            JournalReader r = JournalReader.open(journal, ProblemListener.IGNORE, buffer);
            reused += r.buffer() == buffer ? 1 : 0;
            buffer = r.buffer();
            assertThat(r.size()).isEqualTo(Files.size(journal));
            List<JournalRecord> records = new ArrayList<>();
            for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
                records.add(rec);
            }
            assertThat(records).as(journal.toString()).containsExactlyElementsOf(Fixtures.readStrict(journal));
        }
        assertThat(reused).isEqualTo(journals.size() - 1);
    }

    @Test
    void aBufferTooSmallIsReplacedByOneWithRoomToSpare() throws Exception {
        Path journal = Fixtures.journals("dr22-ascii", "b1").get(0);
        JournalReader r = JournalReader.open(journal, ProblemListener.IGNORE, new byte[3]);
        assertThat(r.buffer().length).isGreaterThanOrEqualTo((int) Files.size(journal));
        assertThat(r.size()).isEqualTo(Files.size(journal));
    }
}
