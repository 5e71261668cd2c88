package io.gnotify.cli;

import picocli.CommandLine;

/** Reports the gnotify version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = GnotifyCommand.class.getPackage().getImplementationVersion();
        return new String[] {"gnotify " + (v == null ? "dev" : v) + " (GlusterFS 10.x journals, Flink 2.2)"};
    }
}
