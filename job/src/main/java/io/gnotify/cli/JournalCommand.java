package io.gnotify.cli;

import picocli.CommandLine.Command;

/** {@code gnotify journal ...}: tools that read brick journals directly. */
@Command(name = "journal", mixinStandardHelpOptions = true,
        description = "Read brick changelog journals directly.",
        subcommands = {JournalDumpCommand.class, JournalSynthCommand.class})
final class JournalCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
