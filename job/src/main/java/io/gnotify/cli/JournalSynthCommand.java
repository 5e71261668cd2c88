package io.gnotify.cli;

import io.gnotify.connectors.journal.JournalEncoding;
import io.gnotify.connectors.journal.synthetic.RecordListener;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeGenerator;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gnotify journal synth}: writes a seeded synthetic volume in the exact GlusterFS journal format. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write a synthetic volume (bricks with journals and HTIME, plus volume-info.xml) from a seeded "
                + "workload, for tests and benchmarks. Read it back with: gnotify run --volume-info OUT/volume-info.xml "
                + "--brick-map /srv/gl/<volume>=OUT/bricks ...")
final class JournalSynthCommand implements Callable<Integer> {
    @Parameters(paramLabel = "OUT", description = "Directory to create.")
    Path out;

    @Option(names = "--layout", defaultValue = "2x2", paramLabel = "DxR",
            description = "Subvolumes x replicas (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--records", defaultValue = "1000000", description = "Records over all bricks (default: ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--encoding", defaultValue = "ascii", description = "ascii or binary (default: ${DEFAULT-VALUE}).")
    String encoding;

    @Option(names = "--rollover", defaultValue = "15", paramLabel = "SECONDS",
            description = "changelog.rollover-time (default: ${DEFAULT-VALUE}).")
    int rollover;

    @Option(names = "--rate", defaultValue = "2000", paramLabel = "OPS/S", description = "Workload rate (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--volume", defaultValue = "syn", description = "Volume name (default: ${DEFAULT-VALUE}).")
    String volume;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String[] dr = layout.toLowerCase(java.util.Locale.ROOT).split("x");
        if (dr.length != 2) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--layout is DxR, e.g. 2x2");
        }
        SyntheticVolumeSpec s = SyntheticVolumeSpec.builder().volumeName(volume)
                .layout(Integer.parseInt(dr[0]), Integer.parseInt(dr[1]))
                .encoding(JournalEncoding.valueOf(encoding.toUpperCase(java.util.Locale.ROOT))).targetRecords(records)
                .rolloverSeconds(rollover).opsPerSecond(rate).seed(seed).build();
        long t0 = System.nanoTime();
        SyntheticVolumeGenerator.Summary sum = SyntheticVolumeGenerator.generate(s, out, RecordListener.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        spec.commandLine().getOut().printf("wrote %,d records (%,d journal bytes, %,d operations) on %d bricks, "
                        + "rollovers %d..%d, in %.1f s%nread it with: --volume-info %s --brick-map /srv/gl/%s=%s%n",
                sum.records(), sum.journalBytes(), sum.operations(), s.brickCount(), sum.firstRollover(),
                sum.lastRollover(), secs, out.resolve("volume-info.xml"), volume, out.resolve("bricks"));
        return 0;
    }
}
