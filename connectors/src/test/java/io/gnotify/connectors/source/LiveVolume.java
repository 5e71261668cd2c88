package io.gnotify.connectors.source;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A copy of a fixture volume whose bricks "roll over" on command: every brick starts with an empty HTIME
 * index and {@link #rollover} appends the brick's next real entry, as GlusterFS does at each rollover.
 */
public final class LiveVolume {
    private final List<Path> htimes = new ArrayList<>();
    private final List<byte[]> fullHtimes = new ArrayList<>();
    private final List<Integer> fed = new ArrayList<>();
    private final int entryLength;
    public final Path bricks;

    public LiveVolume(String fixture, Path dir) throws IOException {
        this.bricks = dir.resolve("bricks");
        int len = 0;
        for (String b : Fixtures.bricks(fixture)) {
            Fixtures.copyBrick(fixture, b, bricks.resolve(b));
            Path htime = BrickChangelog.of(bricks.resolve(b)).htimeFiles().get(0);
            byte[] full = Files.readAllBytes(htime);
            len = Fixtures.indexOf(full, (byte) 0) + 1;
            Files.write(htime, new byte[0]);
            htimes.add(htime);
            fullHtimes.add(full);
            fed.add(0);
        }
        this.entryLength = len;
    }

    public int entries(int brick) {
        return fullHtimes.get(brick).length / entryLength;
    }

    public int fed(int brick) {
        return fed.get(brick);
    }

    /** Timestamp of entry {@code i} of a brick. */
    public long timestamp(int brick, int i) {
        String entry = new String(fullHtimes.get(brick), i * entryLength, entryLength - 1);
        return Long.parseLong(entry.substring(entry.length() - 10));
    }

    /** Appends the brick's next HTIME entry; returns its timestamp. */
    public long rollover(int brick) throws IOException {
        int i = fed.get(brick);
        Files.write(htimes.get(brick), Arrays.copyOfRange(fullHtimes.get(brick), i * entryLength, (i + 1) * entryLength),
                StandardOpenOption.APPEND);
        fed.set(brick, i + 1);
        return timestamp(brick, i);
    }

    /** Rolls every brick forward to the entries with timestamps up to {@code ts}. */
    public void rolloverUntil(long ts, int... bricksToFeed) throws IOException {
        for (int b : bricksToFeed) {
            while (fed.get(b) < entries(b) && timestamp(b, fed.get(b)) <= ts) {
                rollover(b);
            }
        }
    }

}
