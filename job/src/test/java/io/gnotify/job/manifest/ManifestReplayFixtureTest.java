package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifest replay test: the job runs on a fixture with 5 s windows; its manifest files, read back, form
 * a verified chain of contiguous windows; applied window by window (each through its replay plan) to a copy
 * of the volume held as paths, starting empty, they give the mounted volume's namespace (path, type, gfid)
 * at every phase boundary exactly; and every data or metadata change in the op log is covered by a NEW,
 * MODIFY or META of its inode. The same-second name conflicts between subvolumes that the journals cannot
 * order ({@link NamespaceReplayFixtureTest}) are settled by the live lookup, here the mount snapshots.
 */
class ManifestReplayFixtureTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final Set<String> DATA_OPS = Set.of("append", "pwrite", "truncate", "ftruncate", "rewrite(O_TRUNC)");
    static final Set<String> METADATA_OPS = Set.of("chmod", "chown", "setxattr", "removexattr", "utime");

    /** One published window, with the copy's paths after it. */
    record Applied(ManifestFile manifest, Map<String, String> pathsAfter) {}

    @ParameterizedTest
    @ValueSource(strings = {"single-tiny", "dist2-ascii", "dist2-binary", "rep2-ascii", "dr22-ascii"})
    void manifestFilesReplayToTheMountedNamespaceAndCoverTheOpLog(String fixture, @TempDir Path tmp) throws Exception {
        JobSettings s = FixtureVolumes.settings(fixture, tmp.resolve("out")).withNameOwners(new SnapshotNameOwners(fixture));
        StreamExecutionEnvironment env = FixtureVolumes.env(2, tmp.resolve("cp"));
        VolumePipeline.build(env, s);
        env.execute(fixture);
        Path dir = tmp.resolve("out").resolve(s.volume().name()).resolve(ManifestFormat.DIRECTORY);
        List<Path> files = ManifestFile.list(dir);
        List<ManifestChain.Manifest> chain = new ArrayList<>();
        for (Path f : files) {
            chain.add(new ManifestChain.Manifest(f.getFileName().toString(), Files.readAllBytes(f)));
        }
        assertThat(ManifestChain.verify(chain)).isEmpty();
        assertThat(files).hasSizeGreaterThan(15);

        Map<String, Long> starts = NamespaceReplayFixtureTest.phaseStarts(fixture);
        PathModel copy = new PathModel();
        List<Applied> applied = new ArrayList<>();
        int next = 0;
        for (String[] phase : new String[][] {{"populate", "mutate"}, {"mutate", "churn"}, {"churn", null}}) {
            long boundary = phase[1] == null ? Long.MAX_VALUE : starts.get(phase[1]);
            for (; next < files.size(); next++) {
                ManifestFile m = ManifestFile.read(files.get(next));
                if (m.window().windowEnd() > boundary) {
                    break;
                }
                assertThat(m.entries()).as("%s", m.name()).noneMatch(ManifestEntry::unresolved);
                assertThat(m.window().bricks()).as("%s", m.name()).allMatch(b -> b.status().equals("ok"));
                ReplayPlan.of(m.entries()).forEach(copy::apply);
                applied.add(new Applied(m, new TreeMap<>(copy.paths)));
            }
            Map<String, String> truth = NamespaceSnapshot.read(
                    Fixtures.fixture(fixture).resolve("truth/namespace-after-" + phase[0] + ".tsv.gz"));
            Set<String> differing = new TreeSet<>();
            for (String p : NamespaceReplayFixtureTest.union(truth.keySet(), copy.paths.keySet())) {
                if (!Objects.equals(truth.get(p), copy.paths.get(p))) {
                    differing.add(p);
                }
            }
            assertThat(differing).as("%s after %s", fixture, phase[0]).isEmpty();
        }
        assertThat(next).isEqualTo(files.size());
        assertThat(uncovered(fixture, applied)).as("op-log changes without a NEW/MODIFY/META").isEmpty();
    }

    /**
     * Data and metadata changes of the op log that no manifest covers. The change at client time {@code t} is
     * in the journal closing within a rollover of {@code t}, so in {@code t}'s window or the next. Its inode is
     * followed through later renames in the op log up to the end of the next window; unless it was unlinked or
     * replaced by a rename onto its name by then, one of the two windows must hold a NEW or MODIFY (data), or
     * a NEW, MODIFY or META (metadata), of the inode holding its name after them.
     */
    static List<String> uncovered(String fixture, List<Applied> applied) throws Exception {
        Map<Long, Integer> byStart = new HashMap<>();
        for (int i = 0; i < applied.size(); i++) {
            byStart.put(applied.get(i).manifest().window().windowStart(), i);
        }
        long size = applied.get(0).manifest().window().windowEnd() - applied.get(0).manifest().window().windowStart();
        List<String[]> ops = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.fixture(fixture).resolve("truth/oplog.tsv"), StandardCharsets.UTF_8)) {
            ops.add(line.split("\t", -1));
        }
        ops.sort(java.util.Comparator.comparingDouble(f -> Double.parseDouble(f[1])));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (int k = 0; k < ops.size(); k++) {
            String[] f = ops.get(k);
            boolean data = DATA_OPS.contains(f[3]);
            if (!data && !METADATA_OPS.contains(f[3])) {
                continue;
            }
            long t = (long) Math.floor(Double.parseDouble(f[1]));
            Integer w = byStart.get(Math.floorDiv(t, size) * size);
            assertThat(w).as("window of %s", String.join(" ", f)).isNotNull();
            int last = Math.min(w + 1, applied.size() - 1);
            String name = nameAfter(ops, k, pythonRepr(f[4]), applied.get(last).manifest().window().windowEnd());
            String holder = name == null ? null : applied.get(last).pathsAfter().get(name);
            if (holder == null) {
                continue;
            }
            String gfid = holder.split(" ")[1];
            boolean covered = false;
            for (int i = w; i <= last && !covered; i++) {
                for (ManifestEntry e : applied.get(i).manifest().entries()) {
                    if (e.gfid().toString().equals(gfid) && (e.op() == ManifestEntry.Op.NEW || e.op() == ManifestEntry.Op.MODIFY
                            || (!data && e.op() == ManifestEntry.Op.META))) {
                        covered = true;
                        break;
                    }
                }
            }
            checked++;
            if (!covered) {
                missing.add(String.join("\t", f));
            }
        }
        assertThat(checked).as("op-log changes checked").isGreaterThan(fixture.equals("single-tiny") ? 0 : 500);
        return missing;
    }

    /** The name the inode called {@code name} at op {@code k} has at time {@code end}; null if it was unlinked or replaced. */
    private static String nameAfter(List<String[]> ops, int k, String name, long end) {
        for (int j = k + 1; j < ops.size() && Double.parseDouble(ops.get(j)[1]) < end; j++) {
            String[] o = ops.get(j);
            String from = pythonRepr(o[4]);
            String to = pythonRepr(o[5]);
            boolean rename = o[3].startsWith("rename");
            if ((o[3].equals("unlink") && from.equals(name)) || (rename && to.equals(name))) {
                return null;
            }
            if (rename && from.equals(name)) {
                name = to;
            } else if (rename && name.startsWith(from + "/")) {
                name = to + name.substring(from.length());
            }
        }
        return name;
    }

    /** Decodes the op log's Python {@code repr()} quoting of unusual names (plain names pass through). */
    static String pythonRepr(String s) {
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"')) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }
}
