package io.gnotify.cli;

import io.gnotify.connectors.journal.BrickChangelog;
import io.gnotify.connectors.journal.JournalFormatException;
import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.JournalReader;
import io.gnotify.connectors.journal.JournalRecord;
import io.gnotify.connectors.journal.JournalRef;
import io.gnotify.connectors.journal.ProcessedForm;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gnotify journal dump}: prints a brick's records in libgfchangelog's text form, plus a summary. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = "Print every record of a brick's journals, one per line, in libgfchangelog's processed "
                + "form (only space, newline and %% escaped). Journals come from the brick's HTIME index in "
                + "rollover order; the live CHANGELOG is never read. Problems (bad records, missing journals) "
                + "go to stderr with file and offset; so does the summary, so stdout holds only records.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:all journals read cleanly", "1:the brick could not be read",
                "2:bad command line", "3:read to the end, but problems were reported"})
final class JournalDumpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BRICK_DIR",
            description = "A brick root (with .glusterfs/changelogs) or a changelog directory itself.")
    Path brick;

    @Option(names = "--from", paramLabel = "TS", description = "Only journals with a timestamp >= TS (epoch seconds).")
    long from = Long.MIN_VALUE;

    @Option(names = "--to", paramLabel = "TS", description = "Only journals with a timestamp <= TS (epoch seconds).")
    long to = Long.MAX_VALUE;

    @Option(names = "--stats", description = "Print only the summary (to stdout).")
    boolean statsOnly;

    @Option(names = "--journal-names", description = "Start each journal's records with a '# CHANGELOG.<ts>' line.")
    boolean journalNames;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Raw bytes go here (names are not text); System.out unless a test swaps it before parsing. */
    private final OutputStream stdout = System.out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        DumpSummary summary = new DumpSummary();
        BrickChangelog changelog;
        List<JournalRef> refs;
        try {
            changelog = BrickChangelog.of(brick);
            refs = changelog.rollovers(p -> report(p, summary, err));
        } catch (IOException e) {
            err.println("gnotify: cannot read brick journals at " + brick + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        for (JournalRef ref : refs) {
            if (ref.timestamp() < from || ref.timestamp() > to) {
                continue;
            }
            summary.rollover(ref);
            if (ref.kind() != JournalRef.Kind.JOURNAL) {
                continue;
            }
            JournalReader reader;
            try {
                reader = JournalReader.open(ref.file(), p -> report(p, summary, err));
            } catch (JournalFormatException e) {
                report(e.problem(), summary, err);
                continue;
            }
            summary.bytes += reader.size();
            if (journalNames && !statsOnly) {
                out.write(("# " + ref.file().getFileName() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            }
            for (JournalRecord r = reader.next(); r != null; r = reader.next()) {
                summary.record(r);
                if (!statsOnly) {
                    line.reset();
                    ProcessedForm.appendLine(r, line);
                    line.writeTo(out);
                }
            }
        }
        out.flush();
        PrintWriter target = statsOnly ? spec.commandLine().getOut() : err;
        summary.print(changelog.directory(), target);
        target.flush();
        err.flush();
        return summary.problems == 0 ? 0 : 3;
    }

    private static void report(JournalProblem p, DumpSummary summary, PrintWriter err) {
        summary.problems++;
        err.println("gnotify: " + p);
    }
}
