package io.gnotify.bench;

import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.ProblemListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Journal parser throughput on one core over the real fixture mix (ascii and binary journals of every
 * fixture brick), side by side with a plain read of the same bytes. Each invocation is one pass over
 * the in-memory mix (copied to at least 100 MB) or over the journal files. The {@code records} and
 * {@code bytes} counters give records/s and bytes/s directly.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class JournalParserBenchmark {
    private List<byte[]> memory;
    private List<Path> files;

    /** Per-iteration counters JMH reports as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long records;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            records = 0;
            bytes = 0;
        }
    }

    @Setup
    public void load() {
        files = JournalMix.files();
        memory = JournalMix.inMemory(files, 100L << 20);
    }

    /** Decode every record of the in-memory mix. */
    @Benchmark
    public long parseInMemory(Counters c) throws IOException {
        long n = 0;
        for (byte[] journal : memory) {
            n += parse(journal, c);
        }
        return n;
    }

    /**
     * Plain read of the same in-memory bytes: visit every byte and count the NUL separators, the least any
     * parser of this format must do.
     */
    @Benchmark
    public long plainReadInMemory(Counters c) {
        long nul = 0;
        for (byte[] journal : memory) {
            for (byte b : journal) {
                if (b == 0) {
                    nul++;
                }
            }
            c.bytes += journal.length;
        }
        return nul;
    }

    /** Read each journal file and decode it: what the source does per journal. */
    @Benchmark
    public long parseFiles(Counters c) throws IOException {
        long n = 0;
        for (Path f : files) {
            n += parse(Files.readAllBytes(f), c);
        }
        return n;
    }

    /** Read each journal file into memory, nothing more. */
    @Benchmark
    public long plainReadFiles(Counters c) throws IOException {
        long sum = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            sum += b[b.length - 1];
            c.bytes += b.length;
        }
        return sum;
    }

    private static long parse(byte[] journal, Counters c) throws IOException {
        JournalReader r = JournalReader.of(journal, journal.length, "bench", ProblemListener.STRICT);
        long n = 0;
        long h = 0;
        for (JournalRecord rec = r.next(); rec != null; rec = r.next()) {
            h += rec.gfidLsb();
            n++;
        }
        c.records += n;
        c.bytes += journal.length;
        return n + (h & 1);
    }
}
