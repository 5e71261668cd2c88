package io.gnotify.cli;

import io.gnotify.job.manifest.ChainStatus;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.ManifestFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;

/** {@code gnotify verify}: checks every manifest's trailer hash and the chain, and reports gaps and brick trouble. */
@CommandLine.Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Check the manifests in DIR (a manifests directory, a volume's output directory, or the output",
                "directory of several volumes): every trailer hash and entry count, the prev_sha256 chain, seq and",
                "window continuity (missing windows), and list the windows whose bricks were down or had a gap.",
                "Exit code 0 when every chain verifies, 1 when a problem was found."})
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "Directory holding manifests (see above).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> dirs = manifestDirectories(dir);
        if (dirs.isEmpty()) {
            spec.commandLine().getErr().println("gnotify verify: no manifests under " + dir);
            return 1;
        }
        boolean ok = true;
        for (Path d : dirs) {
            ok &= verify(d, out);
        }
        out.flush();
        return ok ? 0 : 1;
    }

    private static boolean verify(Path d, PrintWriter out) throws IOException {
        ChainStatus c = ChainStatus.of(d);
        out.printf("%s: %d manifests, seq %d-%d, windows %d-%d: %s%n", d, c.manifests(), c.firstSeq(), c.lastSeq(),
                c.windowStart(), c.windowEnd(), c.verified() ? "chain verified" : c.problems().size() + " problems");
        c.problems().forEach(p -> out.println("  problem: " + p));
        c.brickTrouble().forEach((status, windows) -> {
            out.printf("  bricks %s: %s%n", status, windows.isEmpty() ? "none" : windows.size() + " brick-windows");
            windows.forEach(w -> out.println("    " + w));
        });
        return c.verified();
    }

    /** {@code dir} itself if it holds manifests, else its {@code manifests} child, else each {@code <volume>/manifests}. */
    static List<Path> manifestDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        if (!ManifestFile.list(dir).isEmpty()) {
            return List.of(dir);
        }
        if (Files.isDirectory(dir.resolve(ManifestFormat.DIRECTORY))) {
            return List.of(dir.resolve(ManifestFormat.DIRECTORY));
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.resolve(ManifestFormat.DIRECTORY)).filter(Files::isDirectory).sorted().toList();
        }
    }
}
