package io.gnotify.connectors.journal.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.JournalEncoding;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.journal.RecordType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Synthetic volumes parse back exactly as written and have GlusterFS's replica and DHT structure. */
class SyntheticVolumeGeneratorTest {

    @ParameterizedTest
    @EnumSource(JournalEncoding.class)
    void aTwoByTwoVolumeParsesBackIdentically(JournalEncoding encoding, @TempDir Path out) throws Exception {
        SyntheticVolumeSpec spec = SyntheticVolumeSpec.builder().layout(2, 2).encoding(encoding)
                .targetRecords(40_000).rolloverSeconds(2).opsPerSecond(2_000).seed(7).build();
        Map<Integer, List<JournalRecord>> written = new HashMap<>();
        Map<Integer, List<Long>> writtenTs = new HashMap<>();
        SyntheticVolumeGenerator.Summary summary = SyntheticVolumeGenerator.generate(spec, out, (brick, ts, r) -> {
            written.computeIfAbsent(brick, b -> new ArrayList<>()).add(r);
            writtenTs.computeIfAbsent(brick, b -> new ArrayList<>()).add(ts);
        });
        assertThat(summary.records()).isBetween(40_000L, 40_100L);
        assertThat(out.resolve("volume-info.xml")).content().contains("<replicaCount>2</replicaCount>")
                .contains("vm:/srv/gl/syn/b4");

        long total = 0;
        for (int b = 0; b < 4; b++) {
            BrickChangelog changelog = BrickChangelog.of(out.resolve("bricks/b" + (b + 1)));
            List<JournalRef> refs = changelog.rollovers(ProblemListener.STRICT);
            List<JournalRecord> read = new ArrayList<>();
            List<Long> readTs = new ArrayList<>();
            long empty = 0;
            for (JournalRef ref : refs) {
                if (ref.kind() == JournalRef.Kind.EMPTY) {
                    empty++;
                    continue;
                }
                assertThat(ref.kind()).isEqualTo(JournalRef.Kind.JOURNAL);
                JournalReader reader = JournalReader.open(ref.file(), ProblemListener.STRICT);
                for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                    read.add(r);
                    readTs.add(ref.timestamp());
                }
            }
            assertThat(read).containsExactlyElementsOf(written.get(b));
            assertThat(readTs).containsExactlyElementsOf(writtenTs.get(b));
            assertThat(empty).as("idle rollovers at the end are lower-case HTIME entries").isGreaterThanOrEqualTo(2);
            assertThat(refs.get(refs.size() - 1).timestamp()).isEqualTo(summary.lastRollover());
            assertThat(changelog.directory().resolve("CHANGELOG")).hasSize(51);
            total += read.size();
            assertAtMostOneDataRecordPerInodeAndJournal(written.get(b), writtenTs.get(b));
        }
        assertThat(total).isEqualTo(summary.records());

        // Replica pairs log the same entry and metadata records (placement may differ by one journal).
        for (int set = 0; set < 2; set++) {
            assertThat(multiset(written.get(2 * set), RecordType.ENTRY))
                    .isEqualTo(multiset(written.get(2 * set + 1), RecordType.ENTRY));
        }
        // Directory records appear on both subvolumes; some records landed one journal late on a replica.
        assertThat(written.get(0).stream().filter(r -> r.fop() == io.gnotify.connectors.journal.Fop.MKDIR).count())
                .isEqualTo(written.get(2).stream().filter(r -> r.fop() == io.gnotify.connectors.journal.Fop.MKDIR).count())
                .isPositive();
        assertThat(writtenTs.get(0)).isNotEqualTo(writtenTs.get(1));
    }

    private static void assertAtMostOneDataRecordPerInodeAndJournal(List<JournalRecord> records, List<Long> ts) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            JournalRecord r = records.get(i);
            if (r.type() == RecordType.DATA) {
                assertThat(seen.add(ts.get(i) + ":" + r.gfidMsb() + ":" + r.gfidLsb())).isTrue();
            }
        }
    }

    private static Map<JournalRecord, Integer> multiset(List<JournalRecord> records, RecordType type) {
        Map<JournalRecord, Integer> m = new HashMap<>();
        records.stream().filter(r -> r.type() == type).forEach(r -> m.merge(r, 1, Integer::sum));
        return m;
    }
}
