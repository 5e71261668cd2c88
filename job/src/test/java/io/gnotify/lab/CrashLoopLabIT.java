package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.LiveVolume;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gnotify run} in continuous mode over the dr22 journals fed one rollover at a time, killed with
 * SIGKILL at 20 random moments (each after its incarnation completed a checkpoint, so each restart resumes)
 * and started again each time with the same state directory: the manifests and the event files equal an
 * uninterrupted run's, byte for byte, and none is missing. Two {@code gnotify watch} consumers (manifest entries
 * and volume events) follow the killed job from the start; halfway they are killed too and restarted from the
 * position after the last line they printed: together they print every committed line once, in order. A longer
 * soak by hand: {@code -Dgnotify.crashloop.kills=200}.
 */
class CrashLoopLabIT {
    private static final int KILLS = Integer.getInteger("gnotify.crashloop.kills", 20);

    @Test
    void killsAtRandomMomentsChangeNothing(@TempDir Path temp) throws Exception {
        Path tmp = LabGluster.workDir(temp);
        LabGluster tools = new LabGluster("dr22", tmp.resolve("logs"), "1");
        Path fixture = Fixtures.fixture("dr22-ascii");
        String[] common = {"run", "--window", "5s", "--parallelism", "2", "--progress-interval", "0", "--emit-events",
            "--volume-info", fixture.resolve("volume-info.xml").toString()};
        assertThat(tools.gnotify("reference", FlinkClusterIT.concat(common, "--bounded", "--brick-map",
                "/srv/gl/dr22=" + fixture.resolve("bricks"), "--output", tmp.resolve("reference").toString(),
                "--state-dir", tmp.resolve("reference-state").toString()))).isZero();
        Map<String, byte[]> reference = FixtureVolumes.files(tmp.resolve("reference/dr22/manifests"));
        Map<String, byte[]> referenceEvents = FixtureVolumes.files(tmp.resolve("reference/dr22/events"));

        LiveVolume live = new LiveVolume("dr22-ascii", tmp.resolve("live"));
        String[] run = FlinkClusterIT.concat(common, "--checkpoint-interval", "500ms", "--brick-map",
                "/srv/gl/dr22=" + live.bricks, "--output", tmp.resolve("killed").toString(), "--state-dir",
                tmp.resolve("killed-state").toString());
        Random random = new Random(42);
        Path checkpoints = tmp.resolve("killed-state/checkpoints");
        Process gnotify = tools.startGnotify("killed", run);
        Watcher entries = new Watcher(tools, tmp.resolve("killed"), tmp.resolve("watch-entries.txt"), false);
        Watcher eventWatcher = new Watcher(tools, tmp.resolve("killed"), tmp.resolve("watch-events.txt"), true);
        try {
            int kills = 0;
            // Each kill comes a random 0-3 s after the running incarnation completed a checkpoint of its own,
            // so every restart resumes (some kills land during the next checkpoint or a commit).
            java.util.Set<Path> seen = completedCheckpoints(checkpoints);
            long killAt = Long.MAX_VALUE;
            while (!allFed(live) || kills < KILLS) {
                for (int b = 0; b < 4; b++) {
                    if (live.fed(b) < live.entries(b)) {
                        live.rollover(b);
                    }
                }
                Thread.sleep(60);
                if (killAt == Long.MAX_VALUE && !seen.containsAll(completedCheckpoints(checkpoints))) {
                    killAt = System.currentTimeMillis() + random.nextInt(3000);
                }
                if (System.currentTimeMillis() >= killAt && kills < KILLS) {
                    gnotify.destroyForcibly().waitFor();
                    kills++;
                    seen = completedCheckpoints(checkpoints);
                    killAt = Long.MAX_VALUE;
                    gnotify = tools.startGnotify("killed", run);
                    if (kills == KILLS / 2) {
                        entries.killAndResume();
                        eventWatcher.killAndResume();
                    }
                }
            }
            Path manifests = tmp.resolve("killed/dr22/manifests");
            // The continuous run closes a window once every brick has rolled over to its end; the bounded
            // reference also closes the windows after the slowest brick's last rollover, at the end of its input.
            long closed = Long.MAX_VALUE;
            for (int b = 0; b < 4; b++) {
                closed = Math.min(closed, live.timestamp(b, live.entries(b) - 1));
            }
            long until = closed;
            List<String> expected = reference.keySet().stream()
                    .filter(n -> Long.parseLong(n.substring(11, 21)) <= until).toList();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.isDirectory(manifests) && FixtureVolumes.files(manifests).keySet().containsAll(expected));
            // Every one of the restarts resumed from a checkpoint (the last one may still be starting up).
            await().atMost(Duration.ofMinutes(1)).until(() -> tools.log("killed").split("gnotify: resuming from", -1).length == KILLS + 1);
            Map<String, byte[]> killed = FixtureVolumes.files(manifests);
            for (String name : expected) {
                assertThat(killed.get(name)).as(name).isEqualTo(reference.get(name));
            }
            // The event files of the same windows too: every operation once, in the same order, same seq.
            List<String> expectedEvents = referenceEvents.keySet().stream().filter(n -> !n.startsWith("."))
                    .filter(n -> Long.parseLong(n.substring(11, 21)) <= until).toList();
            Path events = tmp.resolve("killed/dr22/events");
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.isDirectory(events) && FixtureVolumes.files(events).keySet().containsAll(expectedEvents));
            Map<String, byte[]> killedEvents = FixtureVolumes.files(events);
            for (String name : expectedEvents) {
                assertThat(killedEvents.get(name)).as(name).isEqualTo(referenceEvents.get(name));
            }
            // The consumers printed every committed entry and event once, in order, across their own restart.
            List<String> committedEntries = new java.util.ArrayList<>();
            for (Path m : ManifestFile.list(manifests)) {
                List<String> lines = Files.readAllLines(m);
                committedEntries.addAll(lines.subList(1, lines.size() - 1));
            }
            List<String> committedEvents = new java.util.ArrayList<>();
            for (String name : FixtureVolumes.files(events).keySet()) {
                if (!name.startsWith(".")) {
                    committedEvents.addAll(Files.readAllLines(events.resolve(name)));
                }
            }
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                    .until(() -> entries.lines().size() >= committedEntries.size() && eventWatcher.lines().size() >= committedEvents.size());
            assertThat(entries.restarts + eventWatcher.restarts).isEqualTo(2);
            assertThat(entries.lines()).containsExactlyElementsOf(committedEntries);
            assertThat(eventWatcher.lines()).containsExactlyElementsOf(committedEvents);
            assertThat(committedEntries).hasSizeGreaterThan(3000);
            assertThat(expectedEvents).hasSizeGreaterThan(15);
            assertThat(expected).hasSizeGreaterThan(80);
            assertThat(ManifestFile.list(manifests)).hasSizeGreaterThanOrEqualTo(expected.size() / 3);
        } finally {
            gnotify.destroyForcibly();
            entries.process.destroyForcibly();
            eventWatcher.process.destroyForcibly();
        }
    }

    /** A {@code gnotify watch --json --from start} process that can be killed and resumed from its last line. */
    private static final class Watcher {
        private final LabGluster tools;
        private final Path out;
        private final Path stdout;
        private final boolean events;
        Process process;
        int restarts;

        Watcher(LabGluster tools, Path out, Path stdout, boolean events) throws java.io.IOException {
            this.tools = tools;
            this.out = out;
            this.stdout = stdout;
            this.events = events;
            Files.write(stdout, new byte[0]);
            process = start("start");
        }

        private Process start(String from) throws java.io.IOException {
            List<String> args = new java.util.ArrayList<>(List.of("watch", out.toString(), "--volume", "dr22", "--json",
                    "--poll-interval", "50ms", "--from", from));
            if (events) {
                args.add("--events");
            }
            return tools.startGnotify(events ? "watch-events" : "watch-entries", stdout, args.toArray(String[]::new));
        }

        /** SIGKILL, drop a torn last line, and start again right after the last whole line. */
        void killAndResume() throws Exception {
            process.destroyForcibly().waitFor();
            byte[] b = Files.readAllBytes(stdout);
            int end = b.length;
            while (end > 0 && b[end - 1] != '\n') {
                end--;
            }
            Files.write(stdout, java.util.Arrays.copyOf(b, end));
            List<String> printed = Files.readAllLines(stdout);
            String from = "start";
            if (!printed.isEmpty()) {
                String pos = printed.get(printed.size() - 1).replaceFirst("^\\{\"pos\":\"([0-9.]+)\".*", "$1");
                from = io.gnotify.job.watch.TailPosition.parse(pos).next(!events).toString();
            }
            process = start(from);
            restarts++;
        }

        /** The committed lines printed so far, without the position and window in front. */
        List<String> lines() throws java.io.IOException {
            String text = Files.readString(stdout);
            return text.substring(0, text.lastIndexOf('\n') + 1).lines()
                    .map(l -> l.replaceFirst("^\\{\"pos\":\"[0-9.]+\",\"window_start\":\\d+,\"window_end\":\\d+,", "{"))
                    .toList();
        }
    }

    /** Completed checkpoints (those with metadata) in the state directory so far. */
    /**
     * The completed checkpoints' {@code _metadata} files. A new one marks a checkpoint of the running incarnation; their
     * number can fall, since a resumed run removes the earlier jobs' directories after its first checkpoint.
     */
    private static java.util.Set<Path> completedCheckpoints(Path checkpoints) throws java.io.IOException {
        if (!Files.isDirectory(checkpoints)) {
            return java.util.Set.of();
        }
        try (var s = Files.find(checkpoints, 3, (p, a) -> p.getFileName().toString().equals("_metadata"))) {
            return s.collect(java.util.stream.Collectors.toSet());
        }
    }

    private static boolean allFed(LiveVolume live) {
        for (int b = 0; b < 4; b++) {
            if (live.fed(b) < live.entries(b)) {
                return false;
            }
        }
        return true;
    }
}
