package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gnotify.connectors.journal.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Bounded {@code gnotify run}s of the dr22 fixture volume over (altered) copies of its bricks, for the CLI tests. */
final class Dr22Runs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Dr22Runs() {}

    /** A writable copy of the dr22 bricks under {@code to}. */
    static Path copyBricks(Path to) throws Exception {
        for (String brick : Fixtures.bricks("dr22-ascii")) {
            Fixtures.copyBrick("dr22-ascii", brick, to.resolve(brick));
        }
        return to;
    }

    /** Runs {@code gnotify run --bounded} (5 s windows, then {@code extra}) on these bricks; returns its summary. */
    static JsonNode run(Path bricks, Path dir, String... extra) throws Exception {
        return runAs("--bounded", bricks, dir, extra);
    }

    /** Runs {@code gnotify run --catch-up} (5 s windows, then {@code extra}) on these bricks; returns its summary. */
    static JsonNode catchUp(Path bricks, Path dir, String... extra) throws Exception {
        return runAs("--catch-up", bricks, dir, extra);
    }

    private static JsonNode runAs(String mode, Path bricks, Path dir, String... extra) throws Exception {
        Path summary = dir.resolve("summary.json");
        List<String> args = new ArrayList<>(List.of("run", mode, "--window", "5s", "--progress-interval", "0s",
                "--volume-info", Fixtures.fixture("dr22-ascii").resolve("volume-info.xml").toString(),
                "--brick-map", "/srv/gl/dr22=" + bricks, "--output", dir.resolve("out").toString(),
                "--state-dir", dir.resolve("state").toString(), "--summary-json", summary.toString()));
        args.addAll(List.of(extra));
        int rc = GnotifyCommand.commandLine().execute(args.toArray(String[]::new));
        assertThat(rc).isZero();
        return JSON.readTree(summary.toFile());
    }

    /** The summary's figure {@code name} for brick {@code b1}…{@code b4}. */
    static long brickFigure(JsonNode summary, String brick, String name) {
        return summary.path("bricks").path("vm:/srv/gl/dr22/" + brick).path(name).asLong();
    }

    /**
     * Every operation of a run's event files, sorted, without what depends on when and where a copy was read
     * (sequence number, journal second, representative brick and offset, the bricks that logged it).
     */
    static List<String> operations(Path run) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(run.resolve("out/dr22/events"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                for (String line : Files.readAllLines(f)) {
                    ObjectNode e = (ObjectNode) JSON.readTree(line);
                    e.remove(List.of("seq", "ts", "brick", "offset", "bricks"));
                    out.add(e.toString());
                }
            }
        }
        out.sort(null);
        return out;
    }
}
