package io.gnotify.cli;

import io.gnotify.connectors.sink.FileChunks;
import io.gnotify.job.WindowGrid;
import io.gnotify.job.manifest.BrickWindowStatus;
import io.gnotify.job.manifest.ManifestChain;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.ManifestFormat;
import io.gnotify.job.manifest.ManifestMerge;
import io.gnotify.job.manifest.ManifestWindow;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code gnotify merge}: one manifest for a span of consecutive windows (a weekly backup from hourly windows). */
@CommandLine.Command(name = "merge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Compose the consecutive manifests covering [--from, --to) into one with the same diff",
                "semantics, as if one window had covered the span, and write it (with its glusterfind and paths0 side",
                "files) to --out-dir as <from>-<to>.jsonl. The span must start and end on window boundaries, and its",
                "manifests must form a verified chain. The merged manifest's seq is the last window's; it is not part of",
                "the chain (gnotify apply takes the chain itself)."})
public final class MergeCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "The volume's manifests directory.")
    Path dir;

    @Option(names = "--from", required = true, paramLabel = "EPOCH", description = "Start of the span (a window start).")
    long from;

    @Option(names = "--to", required = true, paramLabel = "EPOCH", description = "End of the span (a window end).")
    long to;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".", description = "Where to write. Default: ${DEFAULT-VALUE}.")
    Path outDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<ManifestFile> span = new ArrayList<>();
        ManifestChain chain = new ManifestChain();
        for (Path f : ManifestFile.list(dir)) {
            ManifestFile m = ManifestFile.read(f);
            if (m.window().windowStart() >= from && m.window().windowEnd() <= to) {
                chain.add(f.getFileName().toString(), Files.readAllBytes(f));
                span.add(m);
            }
        }
        String problem = span.isEmpty() ? "no manifest lies within [" + from + ", " + to + ")"
                : span.get(0).window().windowStart() != from ? "no window starts at " + from
                : span.get(span.size() - 1).window().windowEnd() != to ? "no window ends at " + to
                : chain.problems().isEmpty() ? null : String.join("; ", chain.problems());
        if (problem != null) {
            err.println("gnotify merge: " + problem);
            return 1;
        }
        ManifestMerge merge = new ManifestMerge();
        span.forEach(m -> merge.add(m.entries()));
        var entries = merge.entries();
        ManifestWindow first = span.get(0).window();
        ManifestWindow w = new ManifestWindow(first.volume(), first.volumeId(), from, to,
                span.get(span.size() - 1).window().seq(), first.full(), first.prevSha256(), bricks(span),
                span.stream().map(m -> m.window().reconcileSince()).filter(java.util.Objects::nonNull).min(Long::compare)
                        .orElse(null));
        String stem = WindowGrid.name(from, to);
        Files.createDirectories(outDir);
        Files.write(outDir.resolve(stem + ManifestFormat.MANIFEST_SUFFIX), ManifestFormat.manifest(w, entries).bytes());
        Files.write(outDir.resolve(stem + ManifestFormat.GLUSTERFIND_SUFFIX), FileChunks.join(ManifestFormat.glusterfind(entries)));
        Files.write(outDir.resolve(stem + ManifestFormat.PATHS0_SUFFIX), FileChunks.join(ManifestFormat.paths0(entries)));
        spec.commandLine().getOut().printf("gnotify merge: %d windows (seq %d-%d) -> %s: %d entries%n", span.size(),
                first.seq(), w.seq(), outDir.resolve(stem + ManifestFormat.MANIFEST_SUFFIX), entries.size());
        return 0;
    }

    /** Per brick over the span: the worst status (gap, down, clock_step, ok) and the first and last rollover. */
    private static List<BrickWindowStatus> bricks(List<ManifestFile> span) {
        Map<String, BrickWindowStatus> out = new LinkedHashMap<>();
        List<String> rank = List.of("ok", "clock_step", "down", "gap");
        for (ManifestFile m : span) {
            for (BrickWindowStatus b : m.window().bricks()) {
                out.merge(b.brick(), b, (x, y) -> new BrickWindowStatus(x.brick(),
                        rank.indexOf(y.status()) > rank.indexOf(x.status()) ? y.status() : x.status(),
                        x.firstJournal() == 0 ? y.firstJournal() : x.firstJournal(),
                        Math.max(x.lastJournal(), y.lastJournal())));
            }
        }
        return new ArrayList<>(out.values());
    }
}
