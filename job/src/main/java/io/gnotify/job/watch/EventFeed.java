package io.gnotify.job.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gnotify.job.manifest.ManifestFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The volume event files ({@code events/<start>-<end>.jsonl}): one notification per event, positioned by its
 * {@code seq}. The seqs must count up by one across files; a jump means events are missing and is an error.
 */
final class EventFeed implements WindowFeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    private long lastSeq = -1;
    private String notLocated = "";

    @Override
    public boolean locate(CommittedWindows windows, TailPosition from) throws IOException {
        long target = Math.max(1, from.seq());
        Path holder = null;
        long oldest = -1;
        for (Path file : windows.all()) {
            long first = firstSeq(file);
            if (first < 0) {
                continue;
            }
            if (oldest < 0) {
                oldest = first;
            }
            if (first > target) {
                break;
            }
            holder = file;
        }
        if (holder == null) {
            notLocated = oldest < 0 ? "no event is committed yet"
                    : "the oldest committed event is seq " + oldest + "; seq " + target + " is not there";
            return false;
        }
        List<String> lines = Files.readAllLines(holder, StandardCharsets.UTF_8);
        long last = parse(holder, lines.size(), lines.get(lines.size() - 1)).path("seq").asLong(-1);
        if (last < target - 1) {
            notLocated = "seq " + target + " is beyond the newest committed event, seq " + last;
            return false;
        }
        windows.startAt(holder);
        return true;
    }

    @Override
    public String notLocated() {
        return notLocated;
    }

    @Override
    public List<Notification> read(Path file, TailPosition from) throws IOException {
        List<Notification> out = new ArrayList<>();
        long start = CommittedWindows.start(file);
        long end = CommittedWindows.end(file);
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            JsonNode e = parse(file, number, line);
            long seq = e.path("seq").asLong(-1);
            if (lastSeq >= 0 && seq != lastSeq + 1) {
                throw new IOException(file + " line " + number + ": event seq " + seq + " follows " + lastSeq
                        + (seq > lastSeq ? " (events are missing)" : " (events repeat)"));
            }
            lastSeq = seq;
            if (!from.isNow() && seq < from.seq()) {
                continue;
            }
            String op = e.hasNonNull("fop") ? e.path("fop").asText() : "D".equals(e.path("kind").asText()) ? "DATA"
                    : e.path("kind").asText();
            out.add(new Notification(new TailPosition(seq, 0), false, start, end, op,
                    ManifestFile.rawBytes(e, "deleted_path"), null, e.path("gfid").asText(), line));
        }
        return out;
    }

    /** The seq of a file's first event, or -1 for an empty window. */
    private static long firstSeq(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null || line.isEmpty() ? -1 : parse(file, 1, line).path("seq").asLong(-1);
        }
    }

    private static JsonNode parse(Path file, int number, String line) throws IOException {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " line " + number + ": not JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
