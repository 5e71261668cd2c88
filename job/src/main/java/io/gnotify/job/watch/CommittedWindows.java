package io.gnotify.job.watch;

import io.gnotify.job.WindowGrid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed per-window files ({@code <start>-<end>.jsonl}) of one directory, walked in window order: each
 * next file is the one whose window starts where the previous one ended. The sink renames the files of one
 * checkpoint into place one by one, so a later window can appear before an earlier one; following window
 * continuity, not the newest name, means none is passed over. Hidden in-progress files are never seen.
 */
final class CommittedWindows {
    private static final Pattern NAME = Pattern.compile("\\d{10}-\\d{10}\\.jsonl");
    /** How often a tail waiting for its next window lists the whole directory (the width may have changed). */
    private static final long RELIST_MILLIS = 2_000;

    private final Path dir;
    private long nextStart = -1;
    private long width;
    private long listedAt = Long.MIN_VALUE;

    CommittedWindows(Path dir) {
        this.dir = dir;
    }

    /** The directory walked. */
    Path dir() {
        return dir;
    }

    /** Every committed window file, oldest window first. */
    List<Path> all() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /** Continue with {@code file} (itself included). */
    void startAt(Path file) {
        nextStart = start(file);
        width = end(file) - start(file);
    }

    /**
     * Continue after the newest window committed without a hole before it, and return true; false when
     * nothing is committed yet. (A later window's file can be renamed into place before an earlier one's;
     * the walk stops before such a hole, so the earlier window is still delivered.)
     */
    boolean startAfterNewest() throws IOException {
        Path last = null;
        for (Path p : all()) {
            if (last != null && start(p) != end(last)) {
                break;
            }
            last = p;
        }
        if (last != null) {
            advance(last);
        }
        return last != null;
    }

    /** The next window's committed file, or {@code null} while it is not committed yet. */
    Path next() throws IOException {
        if (nextStart < 0) {
            return null;
        }
        if (width > 0) {
            Path guess = dir.resolve(name(nextStart, nextStart + width));
            if (Files.exists(guess)) {
                return guess;
            }
            if (System.currentTimeMillis() - listedAt < RELIST_MILLIS) {
                return null;
            }
        }
        listedAt = System.currentTimeMillis();
        for (Path p : all()) {
            if (start(p) == nextStart) {
                return p;
            }
        }
        return null;
    }

    /** {@code file} was consumed: the next window starts at its end. */
    void advance(Path file) {
        width = end(file) - start(file);
        nextStart = end(file);
    }

    static long start(Path file) {
        return Long.parseLong(file.getFileName().toString().substring(0, 10));
    }

    static long end(Path file) {
        return Long.parseLong(file.getFileName().toString().substring(11, 21));
    }

    private static String name(long start, long end) {
        return WindowGrid.name(start, end) + ".jsonl";
    }
}
