package io.gnotify.cli;

import io.gnotify.job.analytics.WindowStats;
import io.gnotify.job.report.HtmlReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gnotify report}: one self-contained HTML file with the analytics and the manifest chain status. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Write an HTML report of a gnotify output directory: changes over time by op, net growth,",
                "pipeline lag, the busiest directories and the manifest chain status, per volume. The file needs no",
                "network access or other files to open."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "The job's output directory (holding <volume>/analytics).")
    Path dir;

    @Option(names = "--out", defaultValue = "report.html", paramLabel = "FILE", description = "Default: ${DEFAULT-VALUE}.")
    Path out;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> volumes;
        try (Stream<Path> l = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            volumes = l.filter(p -> Files.isDirectory(p.resolve(WindowStats.DIRECTORY))).sorted().toList();
        }
        if (volumes.isEmpty()) {
            spec.commandLine().getErr().println("gnotify report: no <volume>/analytics under " + dir);
            return 1;
        }
        Files.writeString(out, HtmlReport.render(dir, volumes), StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("gnotify report: %d volume(s) → %s%n", volumes.size(), out.toAbsolutePath());
        return 0;
    }
}
