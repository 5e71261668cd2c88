package io.gnotify.cli;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProblemListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal parser against a plain read of the same files, measured side by side: every rolled-over journal
 * of the given bricks is read whole ({@code Files.readAllBytes}), then read (into one reused buffer, as the source
 * does) and decoded record by record. Each is timed over alternating rounds (at least {@code rounds}, and for at
 * least 3 s) and the best round of each counts, so both see a warm page cache and compiled code.
 */
final class JournalThroughput {
    /**
     * One measured pass: bytes and records (0 for the plain read) over seconds, of which {@code readSeconds}
     * went to reading the files (all of a plain read's; a parse's reads into its buffer, the rest decoding).
     */
    record Pass(long bytes, long records, double seconds, double readSeconds) {
        double bytesPerSecond() {
            return bytes / seconds;
        }

        double recordsPerSecond() {
            return records / seconds;
        }

        /** Nanoseconds per record spent reading the files. */
        double readNanosPerRecord() {
            return 1e9 * readSeconds / records;
        }

        /** Nanoseconds per record spent decoding. */
        double decodeNanosPerRecord() {
            return 1e9 * (seconds - readSeconds) / records;
        }
    }

    /** The best plain-read and parse passes. */
    record Result(Pass plain, Pass parse) {
        double ratio() {
            return parse.bytesPerSecond() / plain.bytesPerSecond();
        }
    }

    private JournalThroughput() {}

    static Result measure(List<Path> bricks, int rounds) throws IOException {
        List<Path> journals = new ArrayList<>();
        for (Path brick : bricks) {
            for (JournalRef ref : BrickChangelog.of(brick).rollovers(ProblemListener.IGNORE)) {
                if (ref.kind() == JournalRef.Kind.JOURNAL) {
                    journals.add(ref.file());
                }
            }
        }
        Pass plain = null;
        Pass parse = null;
        long until = System.nanoTime() + 3_000_000_000L;
        // At least `rounds` rounds, and more for small volumes until 3 s passed, so the JIT has compiled both.
        for (int i = 0; i < rounds || System.nanoTime() < until; i++) {
            Pass p = plainRead(journals);
            plain = plain == null || p.seconds() < plain.seconds() ? p : plain;
            Pass q = parse(journals);
            parse = parse == null || q.seconds() < parse.seconds() ? q : parse;
        }
        return new Result(plain, parse);
    }

    private static Pass plainRead(List<Path> journals) throws IOException {
        long t0 = System.nanoTime();
        long bytes = 0;
        for (Path f : journals) {
            bytes += Files.readAllBytes(f).length;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Pass(bytes, 0, seconds, seconds);
    }

    private static Pass parse(List<Path> journals) throws IOException {
        long t0 = System.nanoTime();
        long bytes = 0;
        long records = 0;
        long readNanos = 0;
        byte[] buffer = null;
        for (Path f : journals) {
            // One buffer for every journal, as the source reads a brick's journals.
            long r0 = System.nanoTime();
            JournalReader r = JournalReader.open(f, ProblemListener.IGNORE, buffer);
            readNanos += System.nanoTime() - r0;
            buffer = r.buffer();
            bytes += r.size();
            while (r.next() != null) {
                records++;
            }
        }
        return new Pass(bytes, records, (System.nanoTime() - t0) / 1e9, readNanos / 1e9);
    }
}
