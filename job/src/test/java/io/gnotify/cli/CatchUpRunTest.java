package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nightly {@code gnotify run --catch-up} runs over dr22 as its bricks roll over: the first night sees the journals up
 * to a cut, the second all of them, the third nothing new. Together they publish exactly the complete windows of one
 * bounded run over everything, byte for byte, each once, and read every record once.
 */
class CatchUpRunTest {
    private static final long CUT = 1795500750L;
    private static final String[] BRICKS = {"b1", "b2", "b3", "b4"};

    @Test
    void nightlyRunsPublishEachCompleteWindowOnceAndReadEachRecordOnce(@TempDir Path tmp) throws Exception {
        Path bricks = Dr22Runs.copyBricks(tmp.resolve("bricks"));
        Map<String, byte[]> htimes = new HashMap<>();
        for (String b : BRICKS) {
            htimes.put(b, Fixtures.rollBack(bricks.resolve(b), CUT));
        }
        Path nightly = tmp.resolve("nightly");
        JsonNode night1 = Dr22Runs.catchUp(bricks, nightly, "--emit-events");
        long firstEnd = lastCompleteWindowEnd(bricks);
        Map<String, byte[]> afterNight1 = files(nightly);
        Map<String, FileTime> writtenNight1 = modified(nightly);
        for (String b : BRICKS) {
            Fixtures.restoreHtime(bricks.resolve(b), htimes.get(b));
        }
        JsonNode night2 = Dr22Runs.catchUp(bricks, nightly, "--emit-events");
        long secondEnd = lastCompleteWindowEnd(bricks);
        Map<String, byte[]> afterNight2 = files(nightly);
        JsonNode night3 = Dr22Runs.catchUp(bricks, nightly, "--emit-events");

        JsonNode whole = Dr22Runs.run(Fixtures.fixture("dr22-ascii").resolve("bricks"), tmp.resolve("whole"), "--emit-events");
        Map<String, byte[]> bounded = files(tmp.resolve("whole"));

        assertThat(firstEnd).isLessThan(secondEnd);
        assertThat(manifests(afterNight1)).isNotEmpty()
                .allSatisfy(name -> assertThat(windowEnd(name)).as(name).isLessThanOrEqualTo(firstEnd));
        assertThat(manifests(afterNight1)).containsExactlyInAnyOrderElementsOf(manifests(windowsEndingBy(bounded, firstEnd)));
        // The second night adds the windows since, and touches none of the first night's files.
        assertThat(manifests(afterNight2)).containsExactlyInAnyOrderElementsOf(manifests(windowsEndingBy(bounded, secondEnd)));
        assertThat(manifests(bounded)).hasSizeGreaterThan(manifests(afterNight2).size());
        assertThat(afterNight2).containsAllEntriesOf(windowsEndingBy(bounded, secondEnd));
        // A continuous run also writes the (empty) event files of the windows after the last event that it closes.
        afterNight2.forEach((name, bytes) -> assertThat(bounded.containsKey(name) || bytes.length == 0).as(name).isTrue());
        assertThat(modified(nightly)).containsAllEntriesOf(writtenNight1);
        for (String b : BRICKS) {
            assertThat(Dr22Runs.brickFigure(night1, b, "records_read") + Dr22Runs.brickFigure(night2, b, "records_read"))
                    .as(b).isEqualTo(Dr22Runs.brickFigure(whole, b, "records_read")).isPositive();
            assertThat(Dr22Runs.brickFigure(night1, b, "records_read")).as(b).isPositive();
            assertThat(Dr22Runs.brickFigure(night3, b, "records_read")).as(b).isZero();
        }
        assertThat(night1.path("operations").asLong() + night2.path("operations").asLong())
                .isEqualTo(whole.path("operations").asLong());
        // Nothing new on the third night: nothing published, nothing rewritten.
        assertThat(night3.path("manifests").asLong()).isZero();
        assertThat(files(nightly)).containsOnlyKeys(afterNight2.keySet());
        assertThat(Files.list(nightly.resolve("state/checkpoints/savepoints")).count()).isEqualTo(2);
        // Of the three jobs' directories only the last one's is left (each run removes those before it).
        try (Stream<Path> left = Files.list(nightly.resolve("state/checkpoints"))) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.equals("savepoints"))).hasSize(1);
        }
    }

    @Test
    void boundedAndCatchUpAreRefusedTogether(@TempDir Path tmp) {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cmd = GnotifyCommand.commandLine();
        cmd.setErr(new java.io.PrintWriter(err));
        int rc = cmd.execute("run", "--bounded", "--catch-up", "--volume-info",
                Fixtures.fixture("dr22-ascii").resolve("volume-info.xml").toString(), "--output", tmp.toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("--bounded and --catch-up exclude each other");
    }

    /** The end of the last window every brick's newest rollover completes (what a catch-up run publishes through). */
    private static long lastCompleteWindowEnd(Path bricks) throws Exception {
        long oldestNewest = Long.MAX_VALUE;
        for (String b : BRICKS) {
            List<JournalRef> refs = BrickChangelog.of(bricks.resolve(b)).rollovers(ProblemListener.IGNORE);
            oldestNewest = Math.min(oldestNewest, refs.get(refs.size() - 1).timestamp());
        }
        return oldestNewest - oldestNewest % 5;
    }

    /** The manifest and event files of a run, by {@code kind/name}. */
    private static Map<String, byte[]> files(Path run) throws Exception {
        Map<String, byte[]> out = new TreeMap<>();
        for (String kind : new String[] {"manifests", "events"}) {
            Path dir = run.resolve("out/dr22").resolve(kind);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    out.put(kind + "/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    private static Map<String, FileTime> modified(Path run) throws Exception {
        Map<String, FileTime> out = new TreeMap<>();
        for (String name : files(run).keySet()) {
            out.put(name, Files.getLastModifiedTime(run.resolve("out/dr22").resolve(name)));
        }
        return out;
    }

    /** The files of windows that end by {@code end}. */
    private static Map<String, byte[]> windowsEndingBy(Map<String, byte[]> files, long end) {
        Map<String, byte[]> out = new TreeMap<>(files);
        out.keySet().removeIf(name -> windowEnd(name) > end);
        return out;
    }

    /** The names of the manifest files among {@code files}. */
    private static List<String> manifests(Map<String, byte[]> files) {
        return files.keySet().stream().filter(n -> n.startsWith("manifests/")).toList();
    }

    /** The end second of a window file {@code kind/<start>-<end>.<ext>}. */
    private static long windowEnd(String name) {
        String file = name.substring(name.indexOf('/') + 1);
        return Long.parseLong(file.substring(file.indexOf('-') + 1, file.indexOf('.')));
    }
}
