package io.gnotify.connectors.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * Appends window lines to hidden in-progress files; at a checkpoint, fsyncs and hands over every file
 * whose window is complete, and records how long each still-open file is, so a restore truncates it
 * back to exactly that.
 */
final class WindowFileWriter implements CommittingSinkWriter<WindowFileLine, WindowFileCommittable>,
        StatefulSinkWriter<WindowFileLine, WindowFileWriterState> {
    private final Path base;
    private final Map<String, OpenFile> open = new LinkedHashMap<>();
    private long watermark = Long.MIN_VALUE;

    /** One in-progress file, written through a buffer that is drained before every sync. */
    private static final class OpenFile {
        final String file;
        final long windowEnd;
        final Path inProgress;
        final FileChannel channel;
        final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

        OpenFile(String file, long windowEnd, Path inProgress, FileChannel channel) {
            this.file = file;
            this.windowEnd = windowEnd;
            this.inProgress = inProgress;
            this.channel = channel;
        }

        void append(byte[] bytes) throws IOException {
            if (bytes.length > buffer.remaining()) {
                drain();
            }
            if (bytes.length > buffer.capacity()) {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            } else {
                buffer.put(bytes);
            }
        }

        void drain() throws IOException {
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            buffer.clear();
        }

        /** Drains and syncs; returns the file's length. */
        long sync(boolean metadata) throws IOException {
            drain();
            channel.force(metadata);
            return channel.position();
        }
    }

    WindowFileWriter(Path base, Collection<WindowFileWriterState> restored) throws IOException {
        this.base = base;
        for (WindowFileWriterState s : restored) {
            Path tmp = inProgress(s.file());
            if (!Files.exists(tmp) || Files.size(tmp) < s.length()) {
                throw new IOException("cannot restore " + tmp + ": the checkpoint recorded " + s.length()
                        + " bytes but the file " + (Files.exists(tmp) ? "has " + Files.size(tmp) : "is gone")
                        + "; output written before the checkpoint was lost");
            }
            try {
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                ch.truncate(s.length());
                ch.position(s.length());
                open.put(s.file(), new OpenFile(s.file(), s.windowEnd(), tmp, ch));
            } catch (IOException e) {
                throw UnwritableOutput.of(tmp, e);
            }
        }
    }

    /** The hidden in-progress name of a target file: {@code dir/.name.inprogress}. */
    Path inProgress(String file) {
        Path target = base.resolve(file);
        return target.resolveSibling("." + target.getFileName() + ".inprogress");
    }

    @Override
    public void write(WindowFileLine line, Context context) throws IOException {
        OpenFile f = open.get(line.file());
        if (f == null) {
            f = create(line);
        }
        try {
            f.append(line.bytes());
        } catch (IOException e) {
            throw UnwritableOutput.of(f.inProgress, e);
        }
    }

    /** Opens the in-progress file of a line's window file (its path is resolved once per file, not per line). */
    private OpenFile create(WindowFileLine line) throws IOException {
        Path tmp = inProgress(line.file());
        try {
            Files.createDirectories(tmp.getParent());
            FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            OpenFile f = new OpenFile(line.file(), line.windowEnd(), tmp, ch);
            open.put(line.file(), f);
            return f;
        } catch (IOException e) {
            throw UnwritableOutput.of(tmp, e);
        }
    }

    @Override
    public void writeWatermark(Watermark mark) {
        watermark = Math.max(watermark, mark.getTimestamp());
    }

    @Override
    public void flush(boolean endOfInput) {
        if (endOfInput) {
            watermark = Long.MAX_VALUE;
        }
    }

    @Override
    public Collection<WindowFileCommittable> prepareCommit() throws IOException {
        List<WindowFileCommittable> ready = new ArrayList<>();
        for (Iterator<OpenFile> it = open.values().iterator(); it.hasNext(); ) {
            OpenFile f = it.next();
            if (f.windowEnd * 1000 - 1 <= watermark) {
                try {
                    f.sync(true);
                    f.channel.close();
                } catch (IOException e) {
                    throw UnwritableOutput.of(f.inProgress, e);
                }
                ready.add(new WindowFileCommittable(f.inProgress.toString(), base.resolve(f.file).toString()));
                it.remove();
            }
        }
        return ready;
    }

    @Override
    public List<WindowFileWriterState> snapshotState(long checkpointId) throws IOException {
        List<WindowFileWriterState> states = new ArrayList<>();
        for (OpenFile f : open.values()) {
            try {
                states.add(new WindowFileWriterState(f.file, f.windowEnd, f.sync(false)));
            } catch (IOException e) {
                throw UnwritableOutput.of(f.inProgress, e);
            }
        }
        return states;
    }

    @Override
    public void close() throws IOException {
        for (OpenFile f : open.values()) {
            f.channel.close();
        }
        open.clear();
    }
}
