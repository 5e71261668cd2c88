package io.gnotify.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The real fixture journals (every ascii and binary brick), the input mix of the parser benchmarks. */
final class JournalMix {
    private JournalMix() {}

    /** Fixture root: -Dgnotify.fixtures, else fixtures/gluster-10.3 found upwards from the working directory. */
    static Path root() {
        String prop = System.getProperty("gnotify.fixtures");
        if (prop != null) {
            return Paths.get(prop);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("fixtures/gluster-10.3"))) {
                return p.resolve("fixtures/gluster-10.3");
            }
        }
        throw new IllegalStateException("fixtures/gluster-10.3 not found; pass -Dgnotify.fixtures=DIR");
    }

    /** Every rolled-over journal under the fixtures, in a fixed order. */
    static List<Path> files() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d{10}"))
                    .filter(p -> p.toString().contains("/bricks/"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The journals' contents, copied (not shared) until at least {@code minBytes} are held. */
    static List<byte[]> inMemory(List<Path> files, long minBytes) {
        List<byte[]> once = new ArrayList<>();
        long size = 0;
        try {
            for (Path f : files) {
                byte[] b = Files.readAllBytes(f);
                once.add(b);
                size += b.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> out = new ArrayList<>();
        long total = 0;
        while (total < minBytes) {
            for (byte[] b : once) {
                out.add(b.clone());
            }
            total += size;
        }
        return out;
    }
}
