package io.gnotify.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds the newest completed checkpoint ({@code <dir>/<job-id>/chk-N/_metadata}) to resume from. */
public final class LatestCheckpoint {
    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");

    private LatestCheckpoint() {}

    /** The newest completed checkpoint directory under {@code checkpoints}, by modification time then number. */
    public static Optional<Path> in(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(checkpoints, 2, (p, a) -> a.isDirectory() && CHK.matcher(p.getFileName().toString()).matches())) {
            return s.filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(LatestCheckpoint::modified).thenComparingLong(LatestCheckpoint::number));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long number(Path p) {
        Matcher m = CHK.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : 0;
    }
}
