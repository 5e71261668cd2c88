package io.gnotify.job.watch;

import io.gnotify.job.manifest.ManifestFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Follows what a gnotify job has committed, like {@code inotify} follows a directory: {@link #read()} blocks
 * until the next committed notification (a manifest entry, or a volume event) that passes the filter and
 * returns it. Only committed files are read, so a consumer sees each change exactly once and in the volume
 * order, whatever the job went through; a consumer that stores {@link Notification#next()} (or
 * {@link #position()}) and opens a new tail there after a restart misses nothing and repeats nothing.
 *
 * <pre>{@code
 * try (EventTail tail = EventTail.open(Path.of("out"), TailFilter.of(List.of("NEW"), List.of("projects")), TailPosition.START)) {
 *     while (true) {
 *         Notification n = tail.read();
 *         System.out.println(n.op() + " " + new String(n.path(), UTF_8));
 *     }
 * }
 * }</pre>
 */
public final class EventTail implements AutoCloseable {
    /** Which committed files to follow. */
    public enum Source {
        /** Manifest entries: real paths, one entry per changed name and window (the default). */
        MANIFESTS,
        /** Volume events ({@code run --emit-events}): every operation, with gfids, parent gfids and names. */
        EVENTS
    }

    private final CommittedWindows windows;
    private final WindowFeed feed;
    private final TailFilter filter;
    private final TailPosition from;
    private final long pollMillis;
    private final ArrayDeque<Notification> pending = new ArrayDeque<>();
    private TailPosition position;
    /**
     * How long a start position may stay unfound while files are committed before it is an error: the files
     * of one checkpoint are renamed into place within moments, so this is only ever reached by a position
     * that is gone (older files deleted) or that the job has not reached.
     */
    private static final long LOCATE_PATIENCE_MILLIS = 10_000;

    private boolean located;
    private long waitingSince;
    private volatile boolean closed;

    private EventTail(Path dir, Source source, TailFilter filter, TailPosition from, Duration poll) {
        boolean manifests = source == Source.MANIFESTS;
        if (!manifests && !filter.pathPrefixes().isEmpty()) {
            throw new IllegalArgumentException("volume events carry parent gfids and names, not paths: "
                    + "filter by path on the manifests");
        }
        this.windows = new CommittedWindows(dir);
        this.feed = manifests ? new ManifestFeed() : new EventFeed();
        this.filter = filter;
        this.from = from;
        this.position = from;
        this.pollMillis = Math.max(1, poll.toMillis());
    }

    /** A tail of the manifests under {@code outDir} (an output directory holding one volume, or a volume's). */
    public static EventTail open(Path outDir, TailFilter filter, TailPosition from) throws IOException {
        return builder(outDir).filter(filter).from(from).open();
    }

    /** Every option of a tail. */
    public static Builder builder(Path outDir) {
        return new Builder(outDir);
    }

    /** The next committed notification that passes the filter; blocks until there is one. */
    public Notification read() throws IOException, InterruptedException {
        return read(null).orElseThrow();
    }

    /** Like {@link #read()}, but gives up after {@code timeout} (null: never). */
    public Optional<Notification> read(Duration timeout) throws IOException, InterruptedException {
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        while (true) {
            if (closed) {
                throw new IOException("the tail of " + windows.dir() + " is closed");
            }
            Notification n = pending.poll();
            if (n != null) {
                return Optional.of(n);
            }
            if (!poll()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                Thread.sleep(Math.min(pollMillis, Math.max(1, left / 1_000_000)));
            }
        }
    }

    /**
     * Where a new tail resumes to continue after everything this one has returned or filtered out:
     * positions of notifications still buffered (read from a file but not yet returned) are not passed.
     */
    public TailPosition position() {
        Notification n = pending.peek();
        return n != null ? n.position() : position;
    }

    /** Calls {@code listener} for every notification, on a thread of its own, until the follower is closed. */
    public Follower follow(NotificationListener listener) {
        return new Follower(this, listener);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Reads the next committed window file if there is one; false when nothing new is committed. */
    private boolean poll() throws IOException {
        if (!located) {
            // "now" on an empty directory is everything from the first commit on.
            located = from.isNow() && windows.startAfterNewest()
                    || feed.locate(windows, from.isNow() ? TailPosition.START : from);
            if (!located) {
                failIfNeverThere();
                return false;
            }
        }
        Path file = windows.next();
        if (file == null) {
            return false;
        }
        List<Notification> all = feed.read(file, from);
        windows.advance(file);
        for (Notification n : all) {
            if (filter.matches(n)) {
                pending.add(n);
            }
        }
        if (!all.isEmpty()) {
            position = all.get(all.size() - 1).next();
        }
        return true;
    }

    /** Throws once the start position has stayed unfound past the patience while files are committed. */
    private void failIfNeverThere() throws IOException {
        long now = System.currentTimeMillis();
        if (waitingSince == 0 || windows.all().isEmpty()) {
            waitingSince = now;
        } else if (now - waitingSince > LOCATE_PATIENCE_MILLIS) {
            throw new IOException(windows.dir() + ": cannot start at " + from + ": " + feed.notLocated());
        }
    }

    /** The directory of the followed files: {@code dir/<manifests|events>}, {@code dir/<volume>/…}. */
    static Path followedDirectory(Path outDir, String volume, Source source) throws IOException {
        String leaf = source == Source.MANIFESTS ? ManifestFormat.DIRECTORY : "events";
        if (volume != null) {
            return outDir.resolve(volume).resolve(leaf);
        }
        if (Files.isDirectory(outDir.resolve(leaf)) || Files.isDirectory(outDir.resolve(ManifestFormat.DIRECTORY))) {
            return outDir.resolve(leaf);
        }
        List<Path> volumes;
        try (Stream<Path> s = Files.list(outDir)) {
            volumes = s.filter(p -> Files.isDirectory(p.resolve(ManifestFormat.DIRECTORY))).sorted().toList();
        }
        if (volumes.size() != 1) {
            throw new IllegalArgumentException(outDir + (volumes.isEmpty() ? " holds no volume's output yet"
                    : " holds several volumes " + volumes.stream().map(p -> p.getFileName().toString()).toList())
                    + ": name one with --volume");
        }
        return volumes.get(0).resolve(leaf);
    }

    /** Options of a tail: volume, source, filter, start position and how often to look for new files. */
    public static final class Builder {
        private final Path outDir;
        private String volume;
        private Source source = Source.MANIFESTS;
        private TailFilter filter = TailFilter.ALL;
        private TailPosition from = TailPosition.START;
        private Duration pollInterval = Duration.ofMillis(200);

        private Builder(Path outDir) {
            this.outDir = outDir;
        }

        /** The volume to follow when the output directory holds several (default: its only one). */
        public Builder volume(String volume) {
            this.volume = volume;
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        public Builder filter(TailFilter filter) {
            this.filter = filter;
            return this;
        }

        public Builder from(TailPosition from) {
            this.from = from;
            return this;
        }

        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
            return this;
        }

        public EventTail open() throws IOException {
            return new EventTail(followedDirectory(outDir, volume, source), source, filter, from, pollInterval);
        }
    }

    /** A thread that hands a tail's notifications to a listener; closing it stops the thread and the tail. */
    public static final class Follower implements AutoCloseable {
        private final Thread thread;
        private final EventTail tail;

        private Follower(EventTail tail, NotificationListener listener) {
            this.tail = tail;
            this.thread = new Thread(() -> {
                try {
                    while (!tail.closed) {
                        listener.onNotification(tail.read());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    if (!tail.closed) {
                        listener.onError(e);
                    }
                } catch (Exception e) {
                    listener.onError(e instanceof UncheckedIOException u ? u.getCause() : new IOException(e));
                }
            }, "gnotify-tail " + tail.windows.dir());
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            tail.close();
            thread.interrupt();
            thread.join();
        }
    }
}
