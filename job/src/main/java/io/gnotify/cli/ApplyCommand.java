package io.gnotify.cli;

import io.gnotify.job.backup.ApplyState;
import io.gnotify.job.backup.ManifestApplier;
import io.gnotify.job.backup.PendingCopies;
import io.gnotify.job.backup.SourceInodes;
import io.gnotify.job.manifest.ManifestChain;
import io.gnotify.job.manifest.ManifestFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code gnotify apply}: brings a backup copy forward window by window with the manifests. */
@CommandLine.Command(name = "apply", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Bring a backup copy of the volume from one window's start to the latest manifest's end: renames",
                "and deletes done in the copy in a replay-safe order, new and changed entries copied from the mounted",
                "volume. Progress is kept in <target>.gnotify-apply.json, so re-running continues (and re-applies an",
                "interrupted manifest safely). A manifest whose checksum or chain does not verify, or whose seq is not",
                "the next one, is refused. Exit code 0; 1 on a refused manifest; 2 if entries with unsafe paths were refused."})
public final class ApplyCommand implements Callable<Integer> {
    @Option(names = "--manifests", required = true, paramLabel = "DIR", description = "The volume's manifests directory.")
    Path manifests;

    @Option(names = "--source", required = true, paramLabel = "MOUNT", description = "The mounted volume to copy content from.")
    Path source;

    @Option(names = "--target", required = true, paramLabel = "BACKUP_DIR", description = "The backup copy to bring forward.")
    Path target;

    @Option(names = "--from", paramLabel = "SEQ", description = {"First manifest to apply, for a copy that has no progress file",
            "yet (it must hold the volume as at that manifest's window start). Default: 1, or the one after the recorded progress."})
    Long from;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> dirs = VerifyCommand.manifestDirectories(manifests);
        if (dirs.size() != 1) {
            err.println("gnotify apply: " + (dirs.isEmpty() ? "no manifests under " : "several volumes under ") + manifests
                    + "; give one volume's manifests directory");
            return 1;
        }
        ApplyState state = ApplyState.read(target);
        if (state != null && from != null && from != state.seq() + 1) {
            err.printf("gnotify apply: %s was brought to seq %d; --from %d would skip or repeat windows%n", target,
                    state.seq(), from);
            return 1;
        }
        long next = from != null ? from : state == null ? 1 : state.seq() + 1;
        String prevSha = state == null ? null : state.sha256();
        Files.createDirectories(target);
        ManifestApplier applier = new ManifestApplier(source, target,
                new PendingCopies(state == null ? List.of() : state.pending()), SourceInodes.MOUNT);
        int applied = 0;
        for (Path f : ManifestFile.list(dirs.get(0))) {
            byte[] bytes = Files.readAllBytes(f);
            ManifestFile m = ManifestFile.parse(f.getFileName().toString(), bytes);
            if (m.window().seq() < next) {
                continue;
            }
            String refusal = refusal(m, bytes, next, prevSha, state);
            if (refusal != null) {
                err.println("gnotify apply: refused " + f + ": " + refusal);
                return 1;
            }
            ApplyState before = state != null ? state : new ApplyState(m.window().volumeId(), next - 1, null, 0, List.of());
            ManifestApplier.Counts did = applier.apply(m, before.doneSteps(),
                    n -> before.progress(n, applier.pending().items()).write(target));
            state = new ApplyState(m.window().volumeId(), m.window().seq(), m.sha256(), 0, applier.pending().items());
            state.write(target);
            prevSha = m.sha256();
            next++;
            applied++;
            out.printf("applied %s (seq %d%s): %s%n", f.getFileName(), m.window().seq(), m.window().full() ? ", full" : "",
                    did);
        }
        out.printf("gnotify apply: %d manifests applied; %s is at seq %s%s%n", applied, target,
                state == null ? "none" : Long.toString(state.seq()), state == null || state.pending().isEmpty() ? ""
                        : "; " + state.pending().size() + " entries wait for the volume to show them again (a later manifest settles them)");
        applier.refused().forEach(r -> err.println("gnotify apply: " + r));
        out.flush();
        return applier.refused().isEmpty() ? 0 : 2;
    }

    /** Why {@code m} cannot be applied next, or {@code null}. */
    private static String refusal(ManifestFile m, byte[] bytes, long next, String prevSha, ApplyState state) {
        ManifestChain check = new ManifestChain();
        check.add(m.name(), bytes);
        if (!check.problems().isEmpty()) {
            return String.join("; ", check.problems());
        }
        if (m.window().seq() != next) {
            return "seq " + m.window().seq() + " but the next one to apply is " + next + " (a manifest is missing)";
        }
        if (prevSha != null && !prevSha.equals(m.window().prevSha256())) {
            return "its prev_sha256 does not match the manifest applied before it";
        }
        if (state != null && !state.volumeId().equals(m.window().volumeId())) {
            return "it is for volume " + m.window().volumeId() + ", the copy follows " + state.volumeId();
        }
        return null;
    }
}
