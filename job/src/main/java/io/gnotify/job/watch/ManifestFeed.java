package io.gnotify.job.watch;

import io.gnotify.job.manifest.ManifestChain;
import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.ManifestWindow;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The manifests ({@code manifests/<start>-<end>.jsonl}): one notification per entry, positioned by the
 * manifest's {@code seq} and the entry's 1-based index. Every manifest is checked against its trailer and
 * its predecessor as it is read ({@link ManifestChain}), so a tail never delivers from an edited or broken chain.
 */
final class ManifestFeed implements WindowFeed {
    private final ManifestChain chain = new ManifestChain();
    private String notLocated = "";

    @Override
    public boolean locate(CommittedWindows windows, TailPosition from) throws IOException {
        long target = Math.max(1, from.seq());
        List<Path> files = windows.all();
        if (files.isEmpty()) {
            notLocated = "no manifest is committed yet";
            return false;
        }
        // seq grows with the window, so the file holding a seq is found by bisection over the headers.
        int lo = 0;
        int hi = files.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (seq(files.get(mid)) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        long found = seq(files.get(lo));
        if (found == target || found == target - 1) {
            windows.startAt(files.get(lo));
            return true;
        }
        notLocated = found > target ? "the oldest manifest is seq " + found + "; seq " + target + " is not there"
                : "seq " + target + " is beyond the newest committed manifest, seq " + found;
        return false;
    }

    @Override
    public String notLocated() {
        return notLocated;
    }

    @Override
    public List<Notification> read(Path file, TailPosition from) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int before = chain.problems().size();
        chain.add(file.toString(), bytes);
        if (chain.problems().size() > before) {
            throw new IOException("gnotify will not deliver from a broken chain: " + chain.problems().get(before));
        }
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        ManifestFile manifest = ManifestFile.parse(file.toString(), lines);
        ManifestWindow w = manifest.window();
        List<Notification> out = new ArrayList<>();
        List<ManifestEntry> entries = manifest.entries();
        for (int i = 0; i < entries.size(); i++) {
            TailPosition at = new TailPosition(w.seq(), i + 1);
            if (!from.isNow() && (w.seq() < from.seq() || (w.seq() == from.seq() && i + 1 < from.entry()))) {
                continue;
            }
            ManifestEntry e = entries.get(i);
            out.add(new Notification(at, true, w.windowStart(), w.windowEnd(), e.op().name(), e.path(), e.oldPath(),
                    e.gfid().toString(), lines[i + 1]));
        }
        return out;
    }

    private static long seq(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            return ManifestFile.header(file.toString(), (header == null ? "" : header).getBytes(StandardCharsets.UTF_8)).seq();
        }
    }
}
