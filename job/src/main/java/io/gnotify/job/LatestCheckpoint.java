package io.gnotify.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;

/**
 * Finds the newest completed checkpoint ({@code <dir>/<job-id>/chk-N/_metadata}) or savepoint
 * ({@code <dir>/savepoints/savepoint-…/_metadata}) to resume from, and prunes old savepoints and the
 * directories of jobs that ended.
 */
public final class LatestCheckpoint {
    private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
    private static final Pattern SAVEPOINT = Pattern.compile("savepoint-[0-9a-f]+-[0-9a-f]+");

    private LatestCheckpoint() {}

    /** The newest completed checkpoint or savepoint under {@code checkpoints}, by modification time then number. */
    public static Optional<Path> in(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.find(checkpoints, 2, (p, a) -> a.isDirectory() && isResumable(p))) {
            return s.max(Comparator.comparingLong(LatestCheckpoint::modified).thenComparingLong(LatestCheckpoint::number));
        }
    }

    /** Deletes all but the {@code keep} newest complete savepoints directly under {@code savepoints}. */
    public static void keepNewestSavepoints(Path savepoints, int keep) throws IOException {
        if (!Files.isDirectory(savepoints)) {
            return;
        }
        List<Path> newestFirst;
        try (Stream<Path> s = Files.list(savepoints)) {
            newestFirst = s.filter(p -> SAVEPOINT.matcher(p.getFileName().toString()).matches() && isComplete(p))
                    .sorted(Comparator.comparingLong(LatestCheckpoint::modified).reversed()).toList();
        }
        for (Path old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
            FileUtils.deleteDirectory(old.toFile());
        }
    }

    /**
     * Deletes the job directories under {@code checkpoints} except those in {@code keep}: once a job has stopped with a
     * self-contained savepoint, no older job's files are needed to resume. Besides the empty {@code shared} and
     * {@code taskowned} that a stopped job leaves, these can hold a retained checkpoint of a run that crashed, or the
     * orphan files of a checkpoint that was aborted when the job stopped.
     */
    public static void removeJobDirectories(Path checkpoints, Set<Path> keep) throws IOException {
        remove(jobDirectories(checkpoints, keep));
    }

    /** Deletes these job directories with all they hold. */
    public static void remove(List<Path> jobs) throws IOException {
        for (Path job : jobs) {
            FileUtils.deleteDirectory(job.toFile());
        }
    }

    /** The job directories under {@code checkpoints} (none if it is missing), except those in {@code keep}. */
    public static List<Path> jobDirectories(Path checkpoints, Set<Path> keep) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints)) {
            return s.filter(Files::isDirectory).filter(p -> !keep.contains(p)).toList();
        }
    }

    /** True once the job directory {@code jobDir} holds a complete checkpoint {@code chk-N}. */
    public static boolean hasCompleteCheckpoint(Path jobDir) throws IOException {
        if (!Files.isDirectory(jobDir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(jobDir)) {
            return s.anyMatch(p -> CHK.matcher(p.getFileName().toString()).matches() && isComplete(p));
        }
    }

    private static boolean isResumable(Path dir) {
        String name = dir.getFileName().toString();
        return (CHK.matcher(name).matches() || SAVEPOINT.matcher(name).matches()) && isComplete(dir);
    }

    /** Flink writes {@code _metadata} last, so its presence marks a complete checkpoint or savepoint. */
    private static boolean isComplete(Path dir) {
        return Files.isRegularFile(dir.resolve("_metadata"));
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
