package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every journal of every ascii fixture, parsed and rendered in libgfchangelog's processed form, equals the
 * real libgfchangelog's output for the same file byte for byte.
 */
class LibgfchangelogOracleTest {

    static Stream<Arguments> journals() {
        return Fixtures.brickPairs(Fixtures.ASCII).stream()
                .flatMap(fb -> Fixtures.journals(fb[0], fb[1]).stream().map(j -> Arguments.of(fb[0], fb[1], j)));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @MethodSource("journals")
    void rendersExactlyAsLibgfchangelog(String fixture, String brick, Path journal) throws Exception {
        List<JournalRecord> records = Fixtures.readStrict(journal);
        ByteArrayOutputStream rendered = new ByteArrayOutputStream();
        records.forEach(r -> ProcessedForm.appendLine(r, rendered));

        Path decoded = Fixtures.meta(fixture, brick).resolve("libgfchangelog-decoded").resolve(journal.getFileName());
        if (records.isEmpty()) {
            // libgfchangelog publishes nothing for a header-only journal.
            assertThat(decoded).doesNotExist();
        } else {
            assertThat(rendered.toByteArray()).isEqualTo(Files.readAllBytes(decoded));
        }
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("bricks")
    void everyDecodedFileHasItsJournal(String fixture, String brick) throws Exception {
        Path dir = Fixtures.meta(fixture, brick).resolve("libgfchangelog-decoded");
        List<String> journalNames = Fixtures.journals(fixture, brick).stream()
                .map(p -> p.getFileName().toString()).toList();
        try (Stream<Path> s = Files.list(dir)) {
            List<String> decoded = s.map(p -> p.getFileName().toString()).toList();
            assertThat(decoded).isNotEmpty();
            assertThat(journalNames).containsAll(decoded);
        }
    }

    static Stream<Arguments> bricks() {
        return Fixtures.brickPairs(Fixtures.ASCII).stream().map(fb -> Arguments.of(fb[0], fb[1]));
    }
}
