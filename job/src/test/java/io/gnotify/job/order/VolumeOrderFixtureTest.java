package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.event.VolumeEvent;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.Fop;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.RecordType;
import io.gnotify.job.FixtureVolumes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ordered event stream of every multi-brick fixture: replica and DHT copies collapse to exactly the
 * operations the workload performed, the order is total, and it is causal where the journals show it.
 */
class VolumeOrderFixtureTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final List<String> VOLUMES = List.of("dist2-ascii", "dist2-binary", "rep2-ascii", "dr22-ascii");
    static final Map<String, List<VolumeEvent>> EVENTS = new HashMap<>();

    @BeforeAll
    static void runAll(@TempDir Path tmp) throws Exception {
        for (String f : VOLUMES) {
            EVENTS.put(f, events(f, tmp.resolve(f), 2));
        }
    }

    static List<VolumeEvent> events(String fixture, Path tmp, int parallelism) throws Exception {
        return FixtureVolumes.events(fixture, tmp, parallelism);
    }

    /** (fop, name, new name) of every entry operation, without AFR's hidden anonymous-inode directory. */
    static Map<String, Integer> entryMultiset(List<VolumeEvent> events) {
        Map<String, Integer> m = new TreeMap<>();
        for (VolumeEvent e : events) {
            JournalRecord r = e.record();
            if (r.type() == RecordType.ENTRY && !text(r.name()).startsWith(".glusterfs-anonymous-inode-")) {
                m.merge(r.fop() + " " + text(r.name()) + " -> " + text(r.newName()), 1, Integer::sum);
            }
        }
        return m;
    }

    static Map<String, Integer> countsByFop(List<VolumeEvent> events) {
        Map<String, Integer> m = new TreeMap<>();
        for (VolumeEvent e : events) {
            JournalRecord r = e.record();
            m.merge(r.fop() == null ? "D" : (char) r.type().code() + " " + r.fop(), 1, Integer::sum);
        }
        return m;
    }

    static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyLayoutYieldsTheSameEntryOperations() {
        Map<String, Integer> reference = entryMultiset(EVENTS.get("dist2-ascii"));
        assertThat(reference.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3549);
        for (String f : VOLUMES) {
            assertThat(entryMultiset(EVENTS.get(f))).as(f).isEqualTo(reference);
        }
    }

    /**
     * Entry operations equal the op log's counts. Mapping: create → CREATE, mkdir → MKDIR, link → LINK,
     * symlink → SYMLINK, mkfifo and mknod-chr → MKNOD, rename and rename-over → RENAME, unlink → UNLINK.
     * rmdir in the op log removes whole subtrees, so RMDIR is checked against the namespace instead: 28
     * directories disappear. Replica volumes add AFR's hidden directory (one MKDIR).
     */
    @Test
    void entryOperationsMatchTheOpLog() throws Exception {
        Map<String, Integer> ops = new HashMap<>();
        for (String line : Files.readAllLines(Fixtures.fixture("dr22-ascii").resolve("truth/oplog.tsv"))) {
            ops.merge(line.split("\t")[3], 1, Integer::sum);
        }
        Map<String, Integer> dist2 = countsByFop(EVENTS.get("dist2-ascii"));
        assertThat(dist2.get("E CREATE")).isEqualTo(ops.get("create"));
        assertThat(dist2.get("E MKDIR")).isEqualTo(ops.get("mkdir"));
        assertThat(dist2.get("E LINK")).isEqualTo(ops.get("link"));
        assertThat(dist2.get("E SYMLINK")).isEqualTo(ops.get("symlink"));
        assertThat(dist2.get("E MKNOD")).isEqualTo(ops.get("mkfifo") + ops.get("mknod-chr"));
        assertThat(dist2.get("E RENAME")).isEqualTo(ops.get("rename") + ops.get("rename-over"));
        assertThat(dist2.get("E UNLINK")).isEqualTo(ops.get("unlink"));
        assertThat(dist2.get("E RMDIR")).isEqualTo(28);
        assertThat(countsByFop(EVENTS.get("dr22-ascii")).get("E MKDIR")).isEqualTo(ops.get("mkdir") + 1);
        assertThat(countsByFop(EVENTS.get("rep2-ascii")).get("E MKDIR")).isEqualTo(ops.get("mkdir") + 1);
    }

    /**
     * Metadata and data records: setattr-type changes (chmod, chown, utime) and xattr changes appear once per
     * inode and journal, so they are at most the op log's counts. With several subvolumes DHT adds a layout
     * SETXATTR to every new directory (dist2, dr22: +129 over rep2). D counts differ between layouts by the
     * per-journal slots of the translator, not by lost writes: within 1 %.
     */
    @Test
    void metadataAndDataOperationsAreExplained() {
        Map<String, Integer> rep2 = countsByFop(EVENTS.get("rep2-ascii"));
        Map<String, Integer> dr22 = countsByFop(EVENTS.get("dr22-ascii"));
        Map<String, Integer> dist2 = countsByFop(EVENTS.get("dist2-ascii"));
        assertThat(dr22.get("M SETXATTR") - rep2.get("M SETXATTR")).isEqualTo(129);
        assertThat(dist2.get("M SETXATTR")).isEqualTo(dr22.get("M SETXATTR"));
        assertThat(dist2.get("M REMOVEXATTR")).isEqualTo(10);
        for (Map<String, Integer> m : List.of(rep2, dr22, dist2)) {
            assertThat(m.get("M SETATTR")).isBetween(380, 383);
            assertThat(Math.abs(m.get("D") - dist2.get("D"))).isLessThanOrEqualTo(dist2.get("D") / 100);
        }
    }

    @Test
    void theOrderIsTotalAndNumberedWithoutGaps() {
        for (String f : VOLUMES) {
            List<VolumeEvent> ev = EVENTS.get(f);
            for (int i = 0; i < ev.size(); i++) {
                assertThat(ev.get(i).seq()).isEqualTo(i + 1);
                if (i > 0) {
                    assertThat(VolumeEvent.ORDER.compare(ev.get(i - 1), ev.get(i))).as("%s at %d", f, i).isNegative();
                }
            }
        }
    }

    /** No event names a parent directory, or acts on an inode, before the MKDIR/create that made it. */
    @Test
    void causalWhereTheJournalsShowIt() {
        for (String f : VOLUMES) {
            Map<String, Long> created = new HashMap<>();
            for (VolumeEvent e : EVENTS.get(f)) {
                JournalRecord r = e.record();
                if (r.fop() != null && r.fop().entryLayout() == Fop.EntryLayout.MODE_OWNER_ENTRY || r.fop() == Fop.SYMLINK) {
                    created.putIfAbsent(Gfid.toString(r.gfidMsb(), r.gfidLsb()), e.seq());
                }
            }
            int checked = 0;
            for (VolumeEvent e : EVENTS.get(f)) {
                JournalRecord r = e.record();
                List<String> needs = new ArrayList<>();
                if (r.hasEntry()) {
                    needs.add(Gfid.toString(r.pgfidMsb(), r.pgfidLsb()));
                }
                if (r.newName() != null) {
                    needs.add(Gfid.toString(r.newPgfidMsb(), r.newPgfidLsb()));
                }
                if (r.fop() != Fop.CREATE && r.fop() != Fop.MKDIR && r.fop() != Fop.MKNOD && r.fop() != Fop.SYMLINK) {
                    needs.add(Gfid.toString(r.gfidMsb(), r.gfidLsb()));
                }
                for (String g : needs) {
                    Long at = created.get(g);
                    if (at != null) {
                        checked++;
                        assertThat(at).as("%s: %s needs %s created first", f, e, g).isLessThan(e.seq());
                    }
                }
            }
            assertThat(checked).as(f).isGreaterThan(5000);
        }
    }
}
