package io.gnotify.job.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.NamespaceReplayFixtureTest;
import io.gnotify.job.manifest.NamespaceSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The analytics files of every fixture against figures computed independently, per workload phase: the entry
 * operations and created file types from the op log, and the net growth from the mounted volume's snapshots;
 * windows between phases must show nothing. The busiest directories of every window must equal a roll-up,
 * computed here, of that window's manifest (which the replay test checks against the mounted volume).
 */
class WindowAnalyticsFixtureTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PHASES = {"populate", "mutate", "churn"};
    /** Op-log operations to the journal fop GlusterFS logs for them. */
    private static final Map<String, String> FOPS = Map.of("create", "CREATE", "mkdir", "MKDIR", "mkfifo", "MKNOD",
            "mknod-chr", "MKNOD", "symlink", "SYMLINK", "link", "LINK", "unlink", "UNLINK", "rmdir", "RMDIR", "rename",
            "RENAME", "rename-over", "RENAME");
    private static final Map<String, String> CREATED_TYPE = Map.of("create", "file", "mkdir", "dir", "mkfifo", "other",
            "mknod-chr", "other", "symlink", "symlink");

    /** What one phase adds up to. */
    static final class Figures {
        final Map<String, Long> fops = new TreeMap<>();
        final Map<String, Long> createdTypes = new TreeMap<>();
        long netGrowth;
        long windows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"single-tiny", "dist2-ascii", "dist2-binary", "rep2-ascii", "dr22-ascii"})
    void analyticsAgreeWithTheOpLogAndTheSnapshots(String fixture, @TempDir Path tmp) throws Exception {
        JobSettings s = FixtureVolumes.settings(fixture, tmp.resolve("out")).withAnalytics(new AnalyticsSettings(new int[] {1, 2}, 1000));
        StreamExecutionEnvironment env = FixtureVolumes.env(2, tmp.resolve("cp"));
        VolumePipeline.build(env, s);
        env.execute(fixture);
        Path volume = tmp.resolve("out").resolve(s.volume().name());
        assertThat(stems(volume.resolve("analytics"), ".json")).isEqualTo(stems(volume.resolve("manifests"), ".jsonl"));

        Map<String, Long> starts = NamespaceReplayFixtureTest.phaseStarts(fixture);
        Map<String, Figures> found = fromAnalytics(volume.resolve("analytics"), starts);
        Map<String, Figures> expected = fromTruth(fixture, starts);
        for (String phase : PHASES) {
            Figures f = found.get(phase);
            Figures e = expected.get(phase);
            assertThat(f.windows).as("%s %s windows", fixture, phase).isPositive();
            for (Map.Entry<String, Long> op : e.fops.entrySet()) {
                assertThat(f.fops.getOrDefault(op.getKey(), 0L)).as("%s %s %s", fixture, phase, op.getKey()).isEqualTo(op.getValue());
            }
            assertThat(f.createdTypes).as("%s %s created by type", fixture, phase).isEqualTo(e.createdTypes);
            assertThat(f.netGrowth).as("%s %s net growth", fixture, phase).isEqualTo(e.netGrowth);
        }
        assertThat(found.get("between").fops).as("%s: windows between phases", fixture).isEmpty();
        assertThat(found.get("between").netGrowth).as("%s: windows between phases", fixture).isZero();
        for (String stem : stems(volume.resolve("manifests"), ".jsonl")) {
            JsonNode a = JSON.readTree(volume.resolve("analytics").resolve(stem + ".json").toFile());
            ManifestFile m = ManifestFile.read(volume.resolve("manifests").resolve(stem + ".jsonl"));
            for (int depth : new int[] {1, 2}) {
                assertThat(ranking(a.path("top_directories").path(String.valueOf(depth))))
                        .as("%s %s depth %d", fixture, stem, depth).isEqualTo(rollUp(m, depth));
            }
        }
    }

    /** A window's busiest directories as the file lists them: "dir=count", busiest first. */
    private static List<String> ranking(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(d -> out.add(d.path("dir").asText() + "=" + d.path("changes").asLong()));
        return out;
    }

    /**
     * The same ranking computed here from the window's manifest (itself checked against the mounted volume by
     * ManifestReplayFixtureTest): each entry counts for the directory holding it, cut to {@code depth} names; a
     * rename also for the directory it left; busiest first, ties by name.
     */
    private static List<String> rollUp(ManifestFile m, int depth) {
        Map<String, Long> counts = new TreeMap<>();
        for (ManifestEntry e : m.entries()) {
            String to = directory(new String(e.path(), StandardCharsets.UTF_8), depth);
            counts.merge(to, 1L, Long::sum);
            if (e.op() == ManifestEntry.Op.RENAME) {
                String from = directory(new String(e.oldPath(), StandardCharsets.UTF_8), depth);
                if (!from.equals(to)) {
                    counts.merge(from, 1L, Long::sum);
                }
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> out = new ArrayList<>();
        sorted.forEach(e -> out.add(e.getKey() + "=" + e.getValue()));
        return out;
    }

    private static String directory(String path, int depth) {
        String[] parts = path.split("/");
        return String.join("/", java.util.Arrays.copyOfRange(parts, 0, Math.min(depth, parts.length - 1)));
    }

    /** The analytics summed per phase: a window belongs to the phase its start falls in (gaps between phases are idle). */
    private static Map<String, Figures> fromAnalytics(Path dir, Map<String, Long> starts) throws Exception {
        Map<String, Figures> out = new TreeMap<>();
        for (String p : PHASES) {
            out.put(p, new Figures());
        }
        out.put("between", new Figures());
        List<Path> files;
        try (Stream<Path> l = Files.list(dir)) {
            files = l.sorted().toList();
        }
        for (Path file : files) {
            JsonNode a = JSON.readTree(file.toFile());
            String phase = phaseOf(a.path("window_start").asLong() + 4, starts, true);
            Figures f = out.get(phase);
            f.windows++;
            a.path("by_op").fields().forEachRemaining(e -> f.fops.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            a.path("created_by_type").fields().forEachRemaining(e -> f.createdTypes.merge(e.getKey(), e.getValue().asLong(), Long::sum));
            f.netGrowth += a.path("manifest").path("net_growth").asLong();
            f.fops.keySet().removeIf(k -> !FOPS.containsValue(k));
        }
        return out;
    }

    /** The same figures from the op log (operations, types, paths) and the snapshots (net growth). */
    private static Map<String, Figures> fromTruth(String fixture, Map<String, Long> starts) throws Exception {
        Path truth = Fixtures.fixture(fixture).resolve("truth");
        Map<String, Figures> out = new TreeMap<>();
        for (String p : PHASES) {
            out.put(p, new Figures());
        }
        for (String line : Files.readAllLines(truth.resolve("oplog.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            Figures fig = out.get(phaseOf((long) Math.floor(Double.parseDouble(f[1])), starts, false));
            String fop = FOPS.get(f[3]);
            if (fop != null) {
                fig.fops.merge(fop, 1L, Long::sum);
            }
            String type = CREATED_TYPE.get(f[3]);
            if (type != null) {
                fig.createdTypes.merge(type, 1L, Long::sum);
            }
        }
        long before = 0;
        for (String p : PHASES) {
            long after = NamespaceSnapshot.read(truth.resolve("namespace-after-" + p + ".tsv.gz")).size();
            out.get(p).netGrowth = after - before;
            before = after;
        }
        return out;
    }

    /** The phase a second belongs to; windows may also fall "between" phases (after a phase's last journal). */
    private static String phaseOf(long second, Map<String, Long> starts, boolean windows) {
        String phase = windows ? "between" : PHASES[0];
        for (String p : PHASES) {
            if (second >= starts.get(p)) {
                phase = p;
            }
        }
        return phase;
    }

    private static List<String> stems(Path dir, String suffix) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> l = Files.list(dir)) {
            l.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix) && !n.contains(".glusterfind"))
                    .forEach(n -> out.add(n.substring(0, n.length() - suffix.length())));
        }
        out.sort(null);
        return out;
    }
}
