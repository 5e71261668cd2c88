package io.gnotify.connectors.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Locates the bundled real GlusterFS 10.3 fixtures (fixtures/gluster-10.3 at the project root). */
public final class Fixtures {
    /** The ascii fixtures, whose journals libgfchangelog decoded. */
    public static final List<String> ASCII = List.of("single-tiny", "dist2-ascii", "rep2-ascii", "dr22-ascii");
    /** The binary-encoding fixture. */
    public static final String BINARY = "dist2-binary";

    private Fixtures() {}

    /** The fixture root: the {@code gnotify.fixtures} property, else found by walking up from here. */
    public static Path root() {
        String prop = System.getProperty("gnotify.fixtures");
        if (prop != null && Files.isDirectory(Paths.get(prop))) {
            return Paths.get(prop);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("fixtures/gluster-10.3");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixtures/gluster-10.3 not found; set -Dgnotify.fixtures");
    }

    public static Path fixture(String name) {
        return root().resolve(name);
    }

    /** Brick names (b1, b2, ...) of a fixture, in order. */
    public static List<String> bricks(String fixture) {
        try (Stream<Path> s = Files.list(fixture(fixture).resolve("bricks"))) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path brick(String fixture, String brick) {
        return fixture(fixture).resolve("bricks").resolve(brick);
    }

    public static Path meta(String fixture, String brick) {
        return fixture(fixture).resolve("meta").resolve(brick);
    }

    /** Every rolled-over journal file of a brick, sorted by name (= by timestamp). */
    public static List<Path> journals(String fixture, String brick) {
        try (Stream<Path> s = Files.walk(brick(fixture, brick).resolve(BrickChangelog.CHANGELOG_DIR))) {
            return s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d{10}"))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** (fixture, brick) pairs of the given fixtures. */
    public static List<String[]> brickPairs(List<String> fixtures) {
        List<String[]> out = new ArrayList<>();
        for (String f : fixtures) {
            for (String b : bricks(f)) {
                out.add(new String[] {f, b});
            }
        }
        return out;
    }

    /** Copies a fixture brick (journals, HTIME, live CHANGELOG) to {@code target}, writable. */
    public static void copyBrick(String fixture, String brick, Path target) throws IOException {
        Path from = brick(fixture, brick);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path to = target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    /** Where journal number {@code index} of a fixture brick is inside a copy made by {@link #copyBrick}. */
    public static Path copiedJournal(String fixture, String brick, Path copy, int index) {
        return copy.resolve(brick(fixture, brick).relativize(journals(fixture, brick).get(index)));
    }

    /**
     * Steps the clock of a brick copied by {@link #copyBrick} back by {@code seconds} from HTIME entry
     * {@code fromEntry} on, as a brick whose clock was set back would have named its journals: the entries are
     * rewritten and the journals on disk renamed. Returns the renamed journal of entry {@code fromEntry} (it
     * need not exist: empty rollovers have no file).
     */
    public static Path stepClockBack(Path copy, int fromEntry, long seconds) throws IOException {
        Path htime = htimeFile(copy);
        String[] entries = new String(Files.readAllBytes(htime), java.nio.charset.StandardCharsets.UTF_8).split("\0");
        StringBuilder out = new StringBuilder();
        Path first = null;
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i];
            if (i >= fromEntry) {
                int dot = e.lastIndexOf('.');
                String stepped = e.substring(0, dot + 1) + (Long.parseLong(e.substring(dot + 1)) - seconds);
                Path from = copy.resolve(e.substring(e.indexOf(".glusterfs/")));
                Path to = copy.resolve(stepped.substring(stepped.indexOf(".glusterfs/")));
                if (Files.exists(from)) {
                    Files.move(from, to);
                }
                first = first == null ? to : first;
                e = stepped;
            }
            out.append(e).append('\0');
        }
        Files.write(htime, out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return first;
    }

    /**
     * Cuts an outage into a brick copied by {@link #copyBrick}: HTIME entries {@code fromEntry} to
     * {@code toEntry} (exclusive) and their journals are removed, as a brick that was down rolls nothing over.
     * Returns the journal seconds of the first and the last entry removed.
     */
    public static long[] cutOutage(Path copy, int fromEntry, int toEntry) throws IOException {
        Path htime = htimeFile(copy);
        String[] entries = new String(Files.readAllBytes(htime), java.nio.charset.StandardCharsets.UTF_8).split("\0");
        StringBuilder out = new StringBuilder();
        long[] cut = new long[2];
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i];
            if (i >= fromEntry && i < toEntry) {
                Files.deleteIfExists(copy.resolve(e.substring(e.indexOf(".glusterfs/"))));
                cut[i == fromEntry ? 0 : 1] = Long.parseLong(e.substring(e.lastIndexOf('.') + 1));
            } else {
                out.append(e).append('\0');
            }
        }
        Files.write(htime, out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return cut;
    }

    /**
     * Takes a brick copied by {@link #copyBrick} back to when it had rolled over through journal second
     * {@code through}: later HTIME entries are dropped (their journals stay, as files the brick has not announced
     * yet). Returns the HTIME file's bytes before, for {@link #restoreHtime}.
     */
    public static byte[] rollBack(Path copy, long through) throws IOException {
        Path htime = htimeFile(copy);
        byte[] before = Files.readAllBytes(htime);
        StringBuilder out = new StringBuilder();
        for (String e : new String(before, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
            if (Long.parseLong(e.substring(e.lastIndexOf('.') + 1)) <= through) {
                out.append(e).append('\0');
            }
        }
        Files.write(htime, out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return before;
    }

    /** Puts back the HTIME bytes {@link #rollBack} returned: the brick announces the rollovers since. */
    public static void restoreHtime(Path copy, byte[] htime) throws IOException {
        Files.write(htimeFile(copy), htime);
    }

    /** The HTIME file of a brick copied by {@link #copyBrick}. */
    private static Path htimeFile(Path copy) throws IOException {
        try (Stream<Path> s = Files.list(copy.resolve(".glusterfs/changelogs/htime"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("HTIME.")).findFirst().orElseThrow();
        }
    }

    /** Index of the first {@code value} in {@code bytes}, or -1. */
    public static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /** All records of a journal, failing on any problem. */
    public static List<JournalRecord> readStrict(Path journal) throws IOException {
        JournalReader r = JournalReader.open(journal, ProblemListener.STRICT);
        List<JournalRecord> out = new ArrayList<>();
        for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
            out.add(rec);
        }
        return out;
    }
}
