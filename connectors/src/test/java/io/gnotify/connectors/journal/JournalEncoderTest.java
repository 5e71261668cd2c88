package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Re-encoding every decoded fixture journal (ascii and binary) reproduces the original bytes exactly. */
class JournalEncoderTest {

    static Stream<Arguments> journals() {
        List<String> all = new ArrayList<>(Fixtures.ASCII);
        all.add(Fixtures.BINARY);
        return Fixtures.brickPairs(all).stream()
                .flatMap(fb -> Fixtures.journals(fb[0], fb[1]).stream().map(j -> Arguments.of(fb[0], fb[1], j)));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @MethodSource("journals")
    void roundTripsByteForByte(String fixture, String brick, Path journal) throws Exception {
        JournalReader reader = JournalReader.open(journal, ProblemListener.STRICT);
        JournalEncoder encoder = new JournalEncoder(reader.header());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.writeHeader(out);
        for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
            assertThat(out.size()).as("record offset").isEqualTo(r.offset());
            encoder.write(r, out);
        }
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(journal));
    }
}
