package io.gnotify.cli;

import io.gnotify.job.watch.EventTail;
import io.gnotify.job.watch.Notification;
import io.gnotify.job.watch.TailFilter;
import io.gnotify.job.watch.TailPosition;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gnotify watch}: prints each committed change as it is committed, like {@code inotifywait -m}. */
@Command(name = "watch", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Follow what a gnotify job commits under OUT and print each change once, in the volume order,",
                "as its window is committed; block while nothing happens. By default the changes are manifest entries",
                "(NEW, MODIFY, META, RENAME, DELETE with real paths); --events follows the volume events instead",
                "(every operation; needs run --emit-events). Each line starts with its position: pass the position",
                "after the last line you handled to --from to continue after a restart, missing and repeating nothing.",
                "Readable lines escape control characters, space and backslash; --json prints the committed line",
                "exactly, with pos, window_start and window_end in front."})
final class WatchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "OUT", description = "The job's --output directory (or one volume's directory in it).")
    Path out;

    @Option(names = "--volume", paramLabel = "V", description = "The volume to follow when OUT holds several.")
    String volume;

    @Option(names = "--events", description = "Follow the volume events instead of the manifest entries.")
    boolean events;

    @Option(names = "--path-prefix", paramLabel = "P", description = {"Only changes at or below this path (relative to",
        "the volume root; repeatable; a rename matches by its old or new path). Manifests only."})
    List<String> prefixes = new ArrayList<>();

    @Option(names = "--ops", split = ",", paramLabel = "OP", description = {"Only these ops: NEW, MODIFY, META,",
        "RENAME, DELETE for manifests; fops (CREATE, UNLINK, RENAME, SETATTR, …, DATA) for events."})
    List<String> ops = new ArrayList<>();

    @Option(names = "--from", defaultValue = "now", paramLabel = "POS", description = {"now (default: what is committed",
        "from here on), start (everything committed), SEQ (an event seq, or the first entry of manifest SEQ) or",
        "SEQ.ENTRY (entry ENTRY of manifest SEQ)."})
    String from;

    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;

    @Option(names = "--count", paramLabel = "N", description = "Exit after N changes (default: never).")
    long count = Long.MAX_VALUE;

    @Option(names = "--poll-interval", defaultValue = "200ms", converter = DurationConverter.class, paramLabel = "D",
            description = "How often to look for newly committed files. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TailPosition start;
        try {
            start = TailPosition.parse(from);
        } catch (IllegalArgumentException e) {
            err.println("gnotify watch: --from " + e.getMessage());
            return 2;
        }
        try (EventTail tail = EventTail.builder(out).volume(volume)
                .source(events ? EventTail.Source.EVENTS : EventTail.Source.MANIFESTS)
                .filter(TailFilter.of(ops, prefixes)).from(start).pollInterval(pollInterval).open()) {
            err.println("gnotify watch: following " + (events ? "the volume events" : "the manifests") + " under "
                    + out + " from " + start);
            err.flush();
            for (long printed = 0; printed < count; printed++) {
                Notification n = tail.read();
                o.println(json ? n.json() : n.text());
                o.flush();
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("gnotify watch: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("gnotify watch: " + e.getMessage());
            return 1;
        }
    }
}
