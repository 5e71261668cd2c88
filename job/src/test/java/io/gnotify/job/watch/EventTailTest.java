package io.gnotify.job.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gnotify.connectors.source.SourceTestSupport.FailOnce;
import io.gnotify.connectors.source.BrickRecordSerializer;
import io.gnotify.job.FixtureVolumes;
import io.gnotify.job.JobSettings;
import io.gnotify.job.VolumePipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumers of committed changes: readers blocked in {@link EventTail#read()} get every manifest entry and every
 * volume event once and in order while windows are committed (by the job itself, through an injected failure
 * and restart, and by a simulated committer that renames the files of one checkpoint out of order); a consumer
 * that restarts from its position misses and repeats nothing; filters, {@code now}, broken chains and missing
 * events behave as documented.
 */
class EventTailTest {
    @TempDir
    static Path shared;
    /** The committed output of a clean bounded dr22 run. */
    static Path reference;
    static List<String> entryLines;
    static List<String> eventLines;

    @BeforeAll
    static void cleanRun() throws Exception {
        reference = shared.resolve("ref");
        StreamExecutionEnvironment env = FixtureVolumes.env(2, shared.resolve("ref-cp"));
        VolumePipeline.build(env, FixtureVolumes.settings("dr22-ascii", reference));
        env.execute("dr22");
        entryLines = entryLines(reference.resolve("dr22/manifests"));
        eventLines = eventLines(reference.resolve("dr22/events"));
        assertThat(entryLines).hasSizeGreaterThan(3000);
        assertThat(eventLines).hasSize(6964);
    }

    @Test
    void blockedReadersGetEveryChangeOnceInOrderWhileTheJobCommitsThroughAFailure(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("dr22/manifests"));
        Files.createDirectories(out.resolve("dr22/events"));
        Reader entries = new Reader(EventTail.builder(out).from(TailPosition.START).pollInterval(Duration.ofMillis(20)));
        Reader events = new Reader(EventTail.builder(out).source(EventTail.Source.EVENTS).from(TailPosition.START)
                .pollInterval(Duration.ofMillis(20)));
        // This consumer stops after 500 entries and starts again from the position it stored.
        Reader restarted = new Reader(EventTail.builder(out).from(TailPosition.START).pollInterval(Duration.ofMillis(20)), 500);

        FailOnce.FAILED.set(false);
        FailOnce.COMPLETED.set(0);
        JobSettings s = FixtureVolumes.settings("dr22-ascii", out);
        StreamExecutionEnvironment env = FixtureVolumes.env(2, tmp.resolve("cp"));
        VolumePipeline.build(env, s, copies -> copies.map(new FailOnce(10)).returns(BrickRecordSerializer.TYPE).uid("fail-once"));
        JobClient job = env.executeAsync("dr22 with a failure");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !entries.lines.isEmpty());
        boolean runningWhenFirstDelivered = !job.getJobStatus().get().isGloballyTerminalState();
        job.getJobExecutionResult().get();
        assertThat(FailOnce.FAILED).as("the failure was injected").isTrue();
        assertThat(runningWhenFirstDelivered).as("delivered while the job was still committing").isTrue();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> entries.lines.size() >= entryLines.size()
                && events.lines.size() >= eventLines.size() && restarted.lines.size() >= entryLines.size());
        Thread.sleep(300);
        for (Reader r : List.of(entries, events, restarted)) {
            r.close();
        }
        assertThat(entries.lines).containsExactlyElementsOf(entryLines);
        assertThat(events.lines).containsExactlyElementsOf(eventLines);
        assertThat(restarted.lines).containsExactlyElementsOf(entryLines);
        assertThat(restarted.restarts).isEqualTo(1);
    }

    @Test
    void filesCommittedOutOfOrderWithinACheckpointAreDeliveredInWindowOrder(@TempDir Path tmp) throws Exception {
        Path live = tmp.resolve("dr22");
        Files.createDirectories(live.resolve("manifests"));
        Files.createDirectories(live.resolve("events"));
        Reader entries = new Reader(EventTail.builder(live).from(TailPosition.START).pollInterval(Duration.ofMillis(5)));
        Reader events = new Reader(EventTail.builder(live).source(EventTail.Source.EVENTS).from(TailPosition.START)
                .pollInterval(Duration.ofMillis(5)));
        commitInBatches(live, 4);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> entries.lines.size() >= entryLines.size() && events.lines.size() >= eventLines.size());
        entries.close();
        events.close();
        assertThat(entries.lines).containsExactlyElementsOf(entryLines);
        assertThat(events.lines).containsExactlyElementsOf(eventLines);
    }

    @Test
    void aConsumerResumesFromAnyPositionWithoutGapOrRepeat() throws Exception {
        Path vol = reference.resolve("dr22");
        for (EventTail.Source source : EventTail.Source.values()) {
            List<String> expected = source == EventTail.Source.MANIFESTS ? entryLines : eventLines;
            for (int cut : new int[] {0, 1, 7, 500, expected.size() / 2, expected.size() - 1}) {
                List<String> got = new ArrayList<>();
                TailPosition pos;
                try (EventTail tail = EventTail.builder(vol).source(source).open()) {
                    for (int i = 0; i < cut; i++) {
                        got.add(tail.read().line());
                    }
                    pos = tail.position();
                }
                try (EventTail tail = EventTail.builder(vol).source(source).from(TailPosition.parse(pos.toString())).open()) {
                    for (var n = tail.read(Duration.ofMillis(300)); n.isPresent(); n = tail.read(Duration.ofMillis(300))) {
                        got.add(n.get().line());
                    }
                }
                assertThat(got).as("%s cut after %d at %s", source, cut, pos).containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void positionsNameTheManifestEntryOrTheEventSeq() throws Exception {
        try (EventTail tail = EventTail.builder(reference.resolve("dr22")).source(EventTail.Source.EVENTS)
                .from(TailPosition.parse("4112")).open()) {
            Notification n = tail.read();
            assertThat(n.position()).hasToString("4112");
            assertThat(n.op()).isEqualTo("UNLINK");
            assertThat(new String(n.path(), StandardCharsets.UTF_8)).isEqualTo("edge/plus+sign.txt");
            assertThat(n.json()).startsWith("{\"pos\":\"4112\",\"window_start\":1795500705,\"window_end\":1795500710,\"seq\":4112,");
            assertThat(n.next()).hasToString("4113");
        }
        try (EventTail tail = EventTail.open(reference, TailFilter.ALL, TailPosition.parse("12.3"))) {
            Notification n = tail.read();
            assertThat(n.position()).hasToString("12.3");
            assertThat(n.windowStart()).isEqualTo(1795500735);
            assertThat(n.next()).hasToString("12.4");
            assertThat(n.line()).isEqualTo(entryLines(reference.resolve("dr22/manifests"), 12).get(2));
        }
    }

    @Test
    void filtersByOpAndByPathPrefixComponentWise() throws Exception {
        List<String> deletesUnderProj02 = new ArrayList<>();
        for (String line : entryLines) {
            boolean under = line.contains("\"path\":\"proj02/") || line.contains("\"path\":\"proj02\"")
                    || line.contains("\"old_path\":\"proj02/") || line.contains("\"old_path\":\"proj02\"");
            if (under && (line.contains("\"op\":\"DELETE\"") || line.contains("\"op\":\"RENAME\""))) {
                deletesUnderProj02.add(line);
            }
        }
        assertThat(deletesUnderProj02).hasSizeGreaterThan(100);
        TailFilter filter = TailFilter.of(List.of("delete", "RENAME"), List.of("/proj02/"));
        assertThat(readAll(EventTail.builder(reference).filter(filter))).containsExactlyElementsOf(deletesUnderProj02);
        // "proj0" is not a directory of the volume: a prefix matches whole components only.
        assertThat(readAll(EventTail.builder(reference).filter(TailFilter.of(List.of(), List.of("proj0"))))).isEmpty();
        assertThat(readAll(EventTail.builder(reference).source(EventTail.Source.EVENTS)
                .filter(TailFilter.of(List.of("RMDIR"), List.of())))).hasSize(28).allMatch(l -> l.contains("\"RMDIR\""));
        assertThatThrownBy(() -> EventTail.builder(reference).source(EventTail.Source.EVENTS)
                .filter(TailFilter.of(List.of(), List.of("edge"))).open())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not paths");
    }

    @Test
    void nowDeliversOnlyWhatIsCommittedAfterTheTailOpens(@TempDir Path tmp) throws Exception {
        Path live = tmp.resolve("dr22");
        List<Path> manifests = windowFiles(reference.resolve("dr22/manifests"));
        int half = manifests.size() / 2;
        for (Path m : manifests.subList(0, half)) {
            commit(m, live.resolve("manifests"));
        }
        try (EventTail tail = EventTail.builder(live).from(TailPosition.NOW).pollInterval(Duration.ofMillis(5)).open()) {
            assertThat(tail.read(Duration.ofMillis(200))).as("nothing new committed: read blocks and times out").isEmpty();
            for (Path m : manifests.subList(half, manifests.size())) {
                commit(m, live.resolve("manifests"));
            }
            List<String> got = new ArrayList<>();
            for (var n = tail.read(Duration.ofMillis(300)); n.isPresent(); n = tail.read(Duration.ofMillis(300))) {
                got.add(n.get().line());
            }
            List<String> expected = new ArrayList<>();
            for (Path m : manifests.subList(half, manifests.size())) {
                expected.addAll(entries(m));
            }
            assertThat(got).isNotEmpty().containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aBrokenChainOrMissingEventsStopTheTailWithTheFileNamed(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("dr22");
        for (String leaf : List.of("manifests", "events")) {
            for (Path f : windowFiles(reference.resolve("dr22").resolve(leaf))) {
                commit(f, copy.resolve(leaf));
            }
        }
        Path edited = null;
        for (Path m : windowFiles(copy.resolve("manifests")).subList(5, 31)) {
            if (edited == null && Files.readString(m).contains("\"op\":\"NEW\"")) {
                edited = m;
            }
        }
        Files.writeString(edited, Files.readString(edited).replaceFirst("\"op\":\"NEW\"", "\"op\":\"MODIFY\""));
        Path editedFile = edited;
        assertThatThrownBy(() -> readAll(EventTail.builder(copy))).isInstanceOf(IOException.class)
                .hasMessageContaining(editedFile.getFileName().toString()).hasMessageContaining("trailer hash");
        Path events = windowFiles(copy.resolve("events")).stream().skip(4).filter(f -> f.toFile().length() > 0)
                .findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(events);
        Files.write(events, lines.subList(1, lines.size()));
        assertThatThrownBy(() -> readAll(EventTail.builder(copy).source(EventTail.Source.EVENTS)))
                .isInstanceOf(IOException.class).hasMessageContaining(events.getFileName().toString())
                .hasMessageContaining("events are missing");
    }

    @Test
    void theListenerFormDeliversOnItsOwnThread() throws Exception {
        List<Notification> got = new CopyOnWriteArrayList<>();
        AtomicReference<IOException> error = new AtomicReference<>();
        try (EventTail.Follower f = EventTail.builder(reference).open().follow(new NotificationListener() {
            @Override
            public void onNotification(Notification n) {
                got.add(n);
            }

            @Override
            public void onError(IOException e) {
                error.set(e);
            }
        })) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> got.size() >= entryLines.size());
        }
        assertThat(error.get()).isNull();
        assertThat(got.stream().map(Notification::line).toList()).containsExactlyElementsOf(entryLines);
    }

    /** A consumer thread blocked in {@code read()}; with {@code restartAfter}, it closes and reopens its tail once. */
    static final class Reader implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile int restarts;
        private final Thread thread;
        private volatile boolean stop;

        Reader(EventTail.Builder builder) {
            this(builder, Integer.MAX_VALUE);
        }

        Reader(EventTail.Builder builder, int restartAfter) {
            thread = new Thread(() -> {
                try {
                    EventTail tail = builder.open();
                    while (!stop) {
                        var n = tail.read(Duration.ofMillis(100));
                        if (n.isEmpty()) {
                            continue;
                        }
                        lines.add(n.get().line());
                        if (lines.size() == restartAfter) {
                            tail.close();
                            tail = builder.from(n.get().next()).open();
                            restarts++;
                        }
                    }
                    tail.close();
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            thread.start();
        }

        @Override
        public void close() throws Exception {
            stop = true;
            thread.join();
            assertThat(failure.get()).isNull();
        }
    }

    /** Publishes the reference files like the sink's committer: a hidden file renamed into place; each batch in reverse. */
    private static void commitInBatches(Path live, int batch) throws Exception {
        List<Path> manifests = windowFiles(reference.resolve("dr22/manifests"));
        List<Path> events = windowFiles(reference.resolve("dr22/events"));
        for (int i = 0; i < Math.max(manifests.size(), events.size()); i += batch) {
            List<Path[]> moves = new ArrayList<>();
            for (int j = i; j < i + batch; j++) {
                if (j < manifests.size()) {
                    moves.add(new Path[] {manifests.get(j), live.resolve("manifests")});
                }
                if (j < events.size()) {
                    moves.add(new Path[] {events.get(j), live.resolve("events")});
                }
            }
            Collections.reverse(moves);
            for (Path[] m : moves) {
                commit(m[0], m[1]);
            }
            Thread.sleep(20);
        }
    }

    private static void commit(Path file, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path hidden = dir.resolve("." + file.getFileName() + ".inprogress");
        Files.copy(file, hidden, StandardCopyOption.REPLACE_EXISTING);
        Files.move(hidden, dir.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    private static List<String> readAll(EventTail.Builder builder) throws Exception {
        List<String> got = new ArrayList<>();
        try (EventTail tail = builder.open()) {
            for (var n = tail.read(Duration.ofMillis(300)); n.isPresent(); n = tail.read(Duration.ofMillis(300))) {
                got.add(n.get().line());
            }
        }
        return got;
    }

    static List<Path> windowFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{10}-\\d{10}\\.jsonl")).sorted().toList();
        }
    }

    /** The entry lines of every manifest, in window order (independent of the tail's own reading). */
    static List<String> entryLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path m : windowFiles(dir)) {
            out.addAll(entries(m));
        }
        return out;
    }

    /** The entry lines of the manifest with {@code seq} (files are numbered from 1 in window order). */
    static List<String> entryLines(Path dir, int seq) throws IOException {
        return entries(windowFiles(dir).get(seq - 1));
    }

    private static List<String> entries(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        return lines.subList(1, lines.size() - 1);
    }

    static List<String> eventLines(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path e : windowFiles(dir)) {
            out.addAll(Files.readAllLines(e, StandardCharsets.UTF_8));
        }
        return out;
    }
}
