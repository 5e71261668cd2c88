package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The binary-encoding fixture (which libgfchangelog 10.3 cannot decode) parses completely and agrees with
 * the ascii capture of the same seeded workload.
 */
class BinaryFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"b1", "b2"})
    void parsesEveryByteAndMatchesTheReferenceCounts(String brick) throws Exception {
        List<JournalRecord> all = new ArrayList<>();
        for (Path journal : Fixtures.journals(Fixtures.BINARY, brick)) {
            JournalReader reader = JournalReader.open(journal, ProblemListener.STRICT);
            assertThat(reader.header().encoding()).isEqualTo(JournalEncoding.BINARY);
            for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                all.add(r);
            }
            assertThat(reader.position()).as("consumed to the last byte: %s", journal).isEqualTo(reader.size());
        }
        assertThat(JournalCounts.count(all))
                .isEqualTo(JournalCounts.parseStats(Fixtures.meta(Fixtures.BINARY, brick).resolve("stats.txt")));
    }

    /**
     * Entry records are identical in kind and name to the ascii capture's, brick by brick: both volumes are
     * distribute-2 with the same brick order, so DHT places every name on the same brick. Gfids differ
     * (each volume mints its own), so they are not compared. D and M records are deduplicated per journal
     * by the translator's in-memory slots, so their counts depend on where the rollovers fell; they may differ
     * by a handful (the fixture README measured at most 2 per brick).
     */
    @ParameterizedTest
    @ValueSource(strings = {"b1", "b2"})
    void entryRecordsMatchTheAsciiCapture(String brick) throws Exception {
        Map<String, Integer> binary = entryMultiset(Fixtures.BINARY, brick);
        Map<String, Integer> ascii = entryMultiset("dist2-ascii", brick);
        assertThat(binary).isEqualTo(ascii);

        Map<String, Integer> binaryCounts = countsByType(Fixtures.BINARY, brick);
        Map<String, Integer> asciiCounts = countsByType("dist2-ascii", brick);
        for (String type : List.of("D", "M")) {
            assertThat(Math.abs(binaryCounts.getOrDefault(type, 0) - asciiCounts.getOrDefault(type, 0)))
                    .as("%s records on %s", type, brick).isLessThanOrEqualTo(2);
        }
    }

    private static Map<String, Integer> entryMultiset(String fixture, String brick) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (Path journal : Fixtures.journals(fixture, brick)) {
            for (JournalRecord r : Fixtures.readStrict(journal)) {
                if (r.type() == RecordType.ENTRY) {
                    String key = r.fop() + " " + r.mode() + " " + new String(r.name(), "ISO-8859-1")
                            + (r.newName() == null ? "" : " -> " + new String(r.newName(), "ISO-8859-1"))
                            + (r.deletedPath() == null ? "" : " @" + new String(r.deletedPath(), "ISO-8859-1"));
                    m.merge(key, 1, Integer::sum);
                }
            }
        }
        return m;
    }

    private static Map<String, Integer> countsByType(String fixture, String brick) throws Exception {
        Map<String, Integer> m = new HashMap<>();
        for (Path journal : Fixtures.journals(fixture, brick)) {
            for (JournalRecord r : Fixtures.readStrict(journal)) {
                m.merge(String.valueOf((char) r.type().code()), 1, Integer::sum);
            }
        }
        return m;
    }
}
