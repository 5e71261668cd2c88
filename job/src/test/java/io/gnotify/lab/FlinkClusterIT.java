package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.manifest.ManifestFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same job jar on a real standalone Flink 2.2.1 cluster ({@code scripts/flink-cluster.sh}: one JobManager
 * and two TaskManager processes on loopback), submitted with {@code flink run}: one TaskManager is killed with
 * SIGKILL while the job runs, the job recovers on the other from its last checkpoint, and every file it writes
 * equals the embedded run's, byte for byte.
 */
class FlinkClusterIT {
    static final String PORT = "8091";

    @Test
    void aTaskManagerKilledMidRunChangesNothing(@TempDir Path temp) throws Exception {
        Path tmp = LabGluster.workDir(temp);
        LabGluster tools = new LabGluster("synthetic", tmp.resolve("logs"), "1");
        Path volume = tmp.resolve("volume");
        assertThat(tools.gnotify("synth", "journal", "synth", volume.toString(), "--records", "1500000")).isZero();
        String[] job = {"run", "--bounded", "--window", "30s", "--parallelism", "2", "--checkpoint-interval", "2s", "--volume-info",
            volume.resolve("volume-info.xml").toString(), "--brick-map", "/srv/gl/syn=" + volume.resolve("bricks")};

        assertThat(tools.gnotify("embedded", concat(job, "--output", tmp.resolve("embedded").toString(), "--state-dir",
                tmp.resolve("embedded-state").toString(), "--progress-interval", "0"))).as(tools.log("embedded")).isZero();
        Map<String, byte[]> reference = FixtureVolumes.files(tmp.resolve("embedded"));
        assertThat(reference.keySet()).filteredOn(n -> n.endsWith(".jsonl")).hasSizeGreaterThan(5);

        Path out = tmp.resolve("cluster");
        try {
            cluster(tmp, tools, "start", "2");
            assertThat(cluster(tmp, tools, concat(new String[] {"submit"}, concat(job, "--output", out.toString())))).isZero();
            Path manifests = out.resolve("syn/manifests");
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.isDirectory(manifests) && !ManifestFile.list(manifests).isEmpty());
            assertThat(jobState()).isEqualTo("RUNNING");
            assertThat(cluster(tmp, tools, "kill-taskmanager", busyTaskManager())).isZero();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> jobState().equals("FINISHED"));
            assertThat(restarts()).as("the job recovered from the lost TaskManager").isPositive();
        } finally {
            cluster(tmp, tools, "stop");
        }
        Map<String, byte[]> clustered = FixtureVolumes.files(out);
        assertThat(clustered.keySet()).containsExactlyElementsOf(reference.keySet());
        reference.forEach((name, bytes) -> assertThat(clustered.get(name)).as(name).isEqualTo(bytes));
    }

    private static int cluster(Path tmp, LabGluster tools, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(concat(new String[] {"bash", LabGluster.ROOT.resolve("scripts/flink-cluster.sh").toString()}, args))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("logs/cluster.log").toFile()));
        pb.environment().put("GNOTIFY_CLUSTER_DIR", tmp.resolve("flink").toString());
        pb.environment().put("GNOTIFY_REST_PORT", PORT);
        Process p = pb.start();
        assertThat(p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        return p.exitValue();
    }

    private static String rest(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String jobState() throws Exception {
        String body = rest("/jobs/overview");
        int i = body.indexOf("\"state\":\"");
        return i < 0 ? "" : body.substring(i + 9, body.indexOf('"', i + 9));
    }

    /** The number of a TaskManager that runs the job's source (resource ids are tm-1, tm-2). */
    private static String busyTaskManager() throws Exception {
        String job = rest("/jobs/" + jobId());
        int v = job.indexOf("\"vertices\":[{\"id\":\"");
        String vertex = job.substring(v + 19, job.indexOf('"', v + 19));
        String tms = rest("/jobs/" + jobId() + "/vertices/" + vertex + "/taskmanagers");
        int t = tms.indexOf("\"taskmanager-id\":\"tm-");
        return tms.substring(t + 21, tms.indexOf('"', t + 21));
    }

    private static String jobId() throws Exception {
        String overview = rest("/jobs/overview");
        int i = overview.indexOf("\"jid\":\"");
        return overview.substring(i + 7, overview.indexOf('"', i + 7));
    }

    private static long restarts() throws Exception {
        String body = rest("/jobs/" + jobId() + "/exceptions");
        return body.split("\"exceptionName\"").length - 1;
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
