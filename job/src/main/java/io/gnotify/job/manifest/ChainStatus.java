package io.gnotify.job.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one directory's manifest chain: how many manifests, their seq and window range, every chain
 * problem (hash, count, link, seq or window gap), and the brick-windows marked {@code down} or {@code gap}.
 */
public record ChainStatus(Path dir, int manifests, long firstSeq, long lastSeq, long windowStart, long windowEnd,
        List<String> problems, Map<String, List<String>> brickTrouble) {

    public boolean verified() {
        return problems.isEmpty();
    }

    /** Reads and checks every manifest in {@code dir}. */
    public static ChainStatus of(Path dir) throws IOException {
        ManifestChain chain = new ManifestChain();
        Map<String, List<String>> trouble = new TreeMap<>();
        trouble.put("down", new ArrayList<>());
        trouble.put("gap", new ArrayList<>());
        long firstSeq = -1;
        long lastSeq = -1;
        long start = -1;
        long end = -1;
        for (Path f : ManifestFile.list(dir)) {
            String name = f.getFileName().toString();
            ManifestWindow w = chain.add(name, Files.readAllBytes(f));
            if (w == null) {
                continue;
            }
            firstSeq = firstSeq < 0 ? w.seq() : firstSeq;
            lastSeq = w.seq();
            start = start < 0 ? w.windowStart() : start;
            end = w.windowEnd();
            for (BrickWindowStatus b : w.bricks()) {
                if (!b.status().equals("ok")) {
                    trouble.computeIfAbsent(b.status(), s -> new ArrayList<>()).add(name + " " + b.brick());
                }
            }
        }
        return new ChainStatus(dir, chain.checked(), firstSeq, lastSeq, start, end, chain.problems(), trouble);
    }
}
