package io.gnotify.lab;

import static org.awaitility.Awaitility.await;

import io.gnotify.job.manifest.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real GlusterFS volume on this machine through {@code lab/gluster-lab.sh} (glusterd, bricks under
 * /srv/gl, a FUSE mount under /mnt), and the {@code ./gnotify} launcher, for end-to-end tests. Every command's
 * output goes to a log under the test's directory.
 */
final class LabGluster {
    static final Path ROOT = Path.of(System.getProperty("gnotify.root", ".")).toAbsolutePath().normalize();

    private final String volume;
    private final Path logs;
    private final String scale;

    LabGluster(String volume, Path logs, String scale) throws IOException {
        this.volume = volume;
        this.logs = Files.createDirectories(logs);
        this.scale = scale;
    }

    /** {@code temp}, or the directory named by {@code -Dgnotify.lab.keep} to keep logs and output for a look afterwards. */
    static Path workDir(Path temp) throws IOException {
        String keep = System.getProperty("gnotify.lab.keep");
        return keep == null ? temp : Files.createDirectories(Path.of(keep));
    }

    Path mount() {
        return Path.of("/mnt", volume);
    }

    /** Runs a lab command ({@code setup VOL LAYOUT}, {@code workload VOL PHASE}, …); fails on a non-zero exit. */
    void lab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("lab/gluster-lab.sh").toString()));
        cmd.addAll(List.of(args));
        run(cmd, "lab-" + args[0]);
    }

    /** glusterd up, the volume re-created fresh with {@code layout}, then the given workload phases run on it. */
    void freshVolume(String layout, String... workloads) throws Exception {
        lab("start");
        lab("teardown", volume);
        lab("setup", volume, layout);
        for (String phase : workloads) {
            lab("workload", volume, phase);
        }
    }

    /**
     * The arguments of a continuous {@code gnotify run} on this volume as the lab tests run it: bootstrap crawl,
     * name lookups on the mount, 5 s windows, 1 s checkpoints, then {@code extra}.
     */
    String[] continuousRun(Path out, Path state, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap", "crawl", "--lookup-mount", mount().toString(),
                "--window", "5s", "--checkpoint-interval", "1s", "--volume-info", volumeInfo().toString(),
                "--output", out.toString(), "--state-dir", state.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** What a lab test does with a fresh volume: given the lab, the work directory, gnotify's output and manifests directories. */
    interface VolumeScenario {
        void run(LabGluster lab, Path tmp, Path out, Path manifests) throws Exception;
    }

    /**
     * What a lab test does to a volume while gnotify follows it: given the lab, the work directory, gnotify's
     * output directory, its manifests directory, and the running gnotify.
     */
    interface Scenario {
        void run(LabGluster lab, Path tmp, Path out, Path manifests, Process gnotify) throws Exception;
    }

    /**
     * Creates volume {@code volume} with {@code layout} and runs the {@code workloads} on it, then {@code scenario}
     * under {@code temp} (or {@code -Dgnotify.lab.keep}), and tears the volume down, whatever happened.
     */
    static void withVolume(String volume, Path temp, String layout, List<String> workloads, VolumeScenario scenario)
            throws Exception {
        Path tmp = workDir(temp);
        LabGluster lab = new LabGluster(volume, tmp.resolve("logs"), "0.1");
        try {
            lab.freshVolume(layout, workloads.toArray(String[]::new));
            Path out = tmp.resolve("out");
            scenario.run(lab, tmp, out, out.resolve(volume).resolve("manifests"));
        } catch (Exception | Error e) {
            keepFailed(volume, tmp);
            throw e;
        } finally {
            lab.lab("teardown", volume);
        }
    }

    /**
     * A failed lab test's logs and gnotify output, copied to {@code job/target/lab-failures/<volume>-<time>} (the
     * test's own directory is deleted with it), so a failure that does not come back can still be looked at.
     */
    private static void keepFailed(String volume, Path tmp) {
        Path to = ROOT.resolve("job/target/lab-failures").resolve(volume + "-" + System.currentTimeMillis());
        try {
            for (String part : List.of("logs", "out")) {
                if (Files.exists(tmp.resolve(part))) {
                    org.apache.flink.util.FileUtils.copy(new org.apache.flink.core.fs.Path(tmp.resolve(part).toUri()),
                            new org.apache.flink.core.fs.Path(to.resolve(part).toUri()), false);
                }
            }
            System.err.println("lab test on " + volume + " failed; its logs and output are kept in " + to);
        } catch (IOException e) {
            System.err.println("lab test on " + volume + " failed; its logs could not be kept: " + e);
        }
    }

    /**
     * Creates volume {@code volume} with {@code layout}, populated, starts the continuous {@code gnotify run}
     * (with {@code extra}), runs {@code scenario}, then kills gnotify and tears the volume down, whatever happened.
     */
    static void withContinuousRun(String volume, Path temp, String layout, String[] extra, Scenario scenario)
            throws Exception {
        withVolume(volume, temp, layout, List.of("populate"), (lab, tmp, out, manifests) -> {
            Process gnotify = lab.startContinuous(out, tmp.resolve("state"), extra);
            try {
                scenario.run(lab, tmp, out, manifests, gnotify);
            } finally {
                gnotify.destroyForcibly();
            }
        });
    }

    /**
     * Starts the continuous {@code gnotify run} of {@link #continuousRun} (log {@code run}) and waits until it has
     * published two manifests under {@code out}; the caller stops it.
     */
    Process startContinuous(Path out, Path state, String... extra) throws Exception {
        Process gnotify = startGnotify("run", continuousRun(out, state, extra));
        try {
            awaitManifests(out.resolve(volume).resolve("manifests"), 2);
            return gnotify;
        } catch (RuntimeException | Error e) {
            gnotify.destroyForcibly();
            throw e;
        }
    }

    /** Runs a command to the end and returns its standard output; fails on a non-zero exit. */
    String sh(String... cmd) throws Exception {
        Path outFile = Files.createTempFile(logs, "sh", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(outFile.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve("sh.log").toFile()));
        check(pb.start(), String.join(" ", cmd));
        return Files.readString(outFile, StandardCharsets.UTF_8);
    }

    /** Runs a command to the end, whatever its exit code; its output goes to the log. */
    void shIgnoringExit(String... cmd) throws Exception {
        new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("sh.log").toFile())).start().waitFor();
    }

    /** {@code gluster volume info VOL --xml}, written to a file for {@code --volume-info}. */
    Path volumeInfo() throws Exception {
        Path xml = logs.resolve(volume + "-info.xml");
        ProcessBuilder pb = new ProcessBuilder("gluster", "volume", "info", volume, "--xml").redirectOutput(xml.toFile());
        check(pb.start(), "gluster volume info");
        return xml;
    }

    /** Starts {@code ./gnotify ARGS} (output appended to a log); the caller stops it. */
    Process startGnotify(String log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("gnotify").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(log + ".log").toFile()));
        return pb.start();
    }

    /** Starts {@code ./gnotify ARGS} with its standard output appended to {@code stdout} and its errors to a log. */
    Process startGnotify(String log, Path stdout, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("gnotify").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(log + ".log").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()));
        return pb.start();
    }

    /** Runs {@code ./gnotify ARGS} to the end; returns its exit code. */
    int gnotify(String log, String... args) throws Exception {
        Process p = startGnotify(log, args);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("gnotify " + String.join(" ", args) + " did not finish");
        }
        return p.exitValue();
    }

    String log(String name) throws IOException {
        Path f = logs.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    private void run(List<String> cmd, String log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(log + ".log").toFile()));
        pb.environment().put("SCALE", scale);
        check(pb.start(), String.join(" ", cmd));
    }

    private void check(Process p, String what) throws Exception {
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(what + " failed; see " + logs);
        }
    }

    /** Now, in epoch seconds (the unit of journal and window times). */
    static long nowSecond() {
        return System.currentTimeMillis() / 1000;
    }

    /** Waits (up to 3 minutes) until {@code manifests} holds at least {@code n} manifests. */
    static void awaitManifests(Path manifests, int n) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.isDirectory(manifests) && ManifestFile.list(manifests).size() >= n);
    }

    /** Waits (up to 3 minutes) until the newest manifest's window ends at or after second {@code t}. */
    static void awaitWindowsClosedPast(Path manifests, long t) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Path> files = ManifestFile.list(manifests);
            return !files.isEmpty() && ManifestFile.read(files.get(files.size() - 1)).window().windowEnd() >= t;
        });
    }

    /** The backend path of brick {@code name} (b1, b2, …) of this lab's volume. */
    String brickPath(String name) {
        return "/srv/gl/" + volume + "/" + name;
    }

    /** Kills the brick process serving {@code brick} with SIGKILL and waits until it is gone. */
    void killBrick(String brick) throws Exception {
        String pid = sh("pgrep", "-f", "glusterfsd.*--brick-name " + brick + "( |$)").trim();
        sh("kill", "-9", pid);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(Path.of("/proc", pid)));
    }

    /**
     * Brings a killed brick back with {@code gluster volume start VOL force}, retried until its status is
     * online (glusterd takes a brick whose process it has not seen exit yet for running), then waits until
     * the mount's client has reconnected to it.
     */
    void restartBrick(String brick) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            sh("gluster", "volume", "start", volume, "force");
            return sh("gluster", "volume", "status", volume).lines()
                    .anyMatch(l -> l.startsWith("Brick ") && l.contains(brick + " ") && l.matches(".*\\sY\\s+\\d+\\s*$"));
        });
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(this::clientsConnected);
    }

    /**
     * True when the mount's client is connected to every brick: each {@code .meta/graphs/active/VOL-client-N/private}
     * of the FUSE mount says {@code connected = 1}.
     */
    private boolean clientsConnected() throws IOException {
        Path graph = mount().resolve(".meta/graphs/active");
        try (java.util.stream.Stream<Path> xlators = Files.list(graph)) {
            for (Path x : (Iterable<Path>) xlators.filter(p -> p.getFileName().toString().startsWith(volume + "-client-"))::iterator) {
                if (!Files.readString(x.resolve("private")).contains("connected = 1")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Waits until the windows up to a few seconds from now are closed, stops gnotify, and reads the manifests. */
    static List<ManifestFile> stopOnceClosed(Process gnotify, Path manifests) throws Exception {
        awaitWindowsClosedPast(manifests, nowSecond() + 5);
        gnotify.destroy();
        gnotify.waitFor();
        return readManifests(manifests);
    }

    /** Every manifest in {@code manifests}, in order. */
    static List<ManifestFile> readManifests(Path manifests) throws IOException {
        List<ManifestFile> all = new ArrayList<>();
        for (Path m : ManifestFile.list(manifests)) {
            all.add(ManifestFile.read(m));
        }
        return all;
    }

    /** The status a manifest gives the brick whose id ends with {@code brickPath}. */
    static String brickStatus(ManifestFile m, String brickPath) {
        return m.window().bricks().stream().filter(b -> b.brick().endsWith(brickPath))
                .map(io.gnotify.job.manifest.BrickWindowStatus::status).findFirst().orElseThrow();
    }

    /**
     * {@code gnotify verify} accepts the output in {@code out}, and {@code gnotify apply} of its manifests
     * builds in {@code backup} a copy equal to the volume (every path, type, mode, owner, size and content).
     */
    void assertVerifiedAndReplayable(Path out, Path manifests, Path backup) throws Exception {
        org.assertj.core.api.Assertions.assertThat(gnotify("verify", "verify", out.toString())).as(log("verify")).isZero();
        org.assertj.core.api.Assertions.assertThat(gnotify("apply", "apply", "--manifests", manifests.toString(),
                "--source", mount().toString(), "--target", backup.toString())).as(log("apply")).isZero();
        LiveVolumeLabIT.assertSame(mount(), backup);
    }
}
