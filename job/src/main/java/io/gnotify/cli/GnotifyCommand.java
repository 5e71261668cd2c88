package io.gnotify.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gnotify} command line: entry point of the launcher and of the job jar. */
@Command(
        name = "gnotify",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Incremental-change streaming for GlusterFS: brick changelog journals in, one ordered stream of volume events out.",
        subcommands = {RunCommand.class, BenchCommand.class, WatchCommand.class, ReportCommand.class, VerifyCommand.class, ApplyCommand.class, MergeCommand.class, JournalCommand.class, CommandLine.HelpCommand.class})
public final class GnotifyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line (also used by tests). */
    public static CommandLine commandLine() {
        return new CommandLine(new GnotifyCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
