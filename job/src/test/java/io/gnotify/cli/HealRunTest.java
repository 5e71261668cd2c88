package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.JournalEncoder;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.ProblemListener;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.job.manifest.GfidKey;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic journals of a replica brick that was down and then healed: dr22's b2 rolls nothing over for a
 * stretch of the run (its replica b1 carries the subvolume), and in its first journal after the outage logs,
 * alone, what self-heal would: the attributes of every file b1 wrote meanwhile and the data of every file
 * b1 created meanwhile. The whole job reports no operation a clean run lacks, loses no change, and counts
 * every heal record as dropped.
 */
class HealRunTest {
    @Test
    void whatSelfHealLogsOnTheReturningReplicaIsNoOperation(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        long[] outage = Fixtures.cutOutage(bricks.resolve("b2"), 60, 85);

        List<JournalRecord> heal = healRecords(bricks.resolve("b1"), outage[0], outage[1]);
        Path back = firstJournalAfter(bricks.resolve("b2"), outage[1]);
        JournalEncoder encoder = new JournalEncoder(JournalReader.open(back, ProblemListener.STRICT).header());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        heal.forEach(r -> encoder.write(r, bytes));
        Files.write(back, bytes.toByteArray(), StandardOpenOption.APPEND);

        JsonNode clean = Dr22Runs.run(Fixtures.fixture("dr22-ascii").resolve("bricks"), tmp.resolve("clean"), "--emit-events");
        JsonNode healed = Dr22Runs.run(bricks, tmp.resolve("healed"), "--emit-events");

        assertThat(heal).hasSizeGreaterThan(10);
        assertThat(clean.path("heal_copies_dropped").asLong()).isZero();
        // Nothing the clean run lacks. What it has more: data records b2 alone logged, in its cut journals or as
        // an extra D (replicas log one D per journal, and their journals split a stretch of writes differently);
        // b1's own D of the same file is there, so no write goes unreported.
        List<String> cleanOps = Dr22Runs.operations(tmp.resolve("clean"));
        List<String> healedOps = Dr22Runs.operations(tmp.resolve("healed"));
        List<String> missing = new ArrayList<>(cleanOps);
        healedOps.forEach(missing::remove);
        assertThat(cleanOps).containsAll(healedOps);
        assertThat(cleanOps.size() - healedOps.size()).isEqualTo(missing.size());
        assertThat(missing).hasSizeLessThanOrEqualTo(2).allSatisfy(op -> {
            assertThat(op).startsWith("{\"kind\":\"D\"");
            assertThat(healedOps).contains(op);
        });
        // Every heal record was dropped (with at most those extra D copies of b2's after its return).
        assertThat(healed.path("heal_copies_dropped").asLong()).isBetween((long) heal.size(), (long) heal.size() + 1);
        assertThat(GnotifyCommand.commandLine().execute("verify", tmp.resolve("healed/out").toString())).isZero();
    }

    /**
     * What self-heal logs for b1's changes in journal seconds {@code from} to {@code to}: SETATTR of each file
     * b1 wrote (when b1 never logged one for it) and the data of each file b1 created (when b1 never logged
     * data for it), so none shares its identity with a copy b1 logged.
     */
    private static List<JournalRecord> healRecords(Path b1, long from, long to) throws Exception {
        Set<GfidKey> written = new LinkedHashSet<>();
        Set<GfidKey> created = new LinkedHashSet<>();
        Set<GfidKey> attributesAnywhere = new HashSet<>();
        Set<GfidKey> dataAnywhere = new HashSet<>();
        for (Path j : journals(b1)) {
            long ts = second(j);
            for (JournalRecord r : Fixtures.readStrict(j)) {
                GfidKey gfid = new GfidKey(r.gfidMsb(), r.gfidLsb());
                boolean inOutage = ts >= from && ts <= to;
                if (r.type() == RecordType.DATA) {
                    dataAnywhere.add(gfid);
                    if (inOutage) {
                        written.add(gfid);
                    }
                } else if (r.type() == RecordType.METADATA && r.fop() == Fop.SETATTR) {
                    attributesAnywhere.add(gfid);
                } else if (r.type() == RecordType.ENTRY && r.fop() == Fop.CREATE && inOutage) {
                    created.add(gfid);
                }
            }
        }
        List<JournalRecord> out = new ArrayList<>();
        written.stream().filter(g -> !attributesAnywhere.contains(g))
                .forEach(g -> out.add(JournalRecord.builder(RecordType.METADATA, g.msb(), g.lsb()).fop(Fop.SETATTR).build()));
        created.stream().filter(g -> !dataAnywhere.contains(g))
                .forEach(g -> out.add(JournalRecord.builder(RecordType.DATA, g.msb(), g.lsb()).build()));
        return out;
    }

    private static List<Path> journals(Path brick) throws Exception {
        try (Stream<Path> s = Files.walk(brick.resolve(".glusterfs/changelogs"))) {
            return s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d+")).sorted().toList();
        }
    }

    /** The second a journal file is named by. */
    private static long second(Path journal) {
        return Long.parseLong(journal.getFileName().toString().substring("CHANGELOG.".length()));
    }

    private static Path firstJournalAfter(Path brick, long ts) throws Exception {
        return journals(brick).stream()
                .filter(p -> second(p) > ts)
                .findFirst().orElseThrow();
    }
}
