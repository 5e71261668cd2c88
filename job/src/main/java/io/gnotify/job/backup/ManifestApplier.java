package io.gnotify.job.backup;

import io.gnotify.connectors.crawl.RawPaths;
import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.GfidKey;
import io.gnotify.job.manifest.ManifestFile;
import io.gnotify.job.manifest.ReplayPlan;
import io.gnotify.job.manifest.ReplayStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Brings a backup copy from a manifest's window start to its end: the manifest's replay plan done on the
 * copy (removals and moves locally, through temporary names), new and changed entries copied from the
 * mounted volume. Every step is idempotent, so a manifest interrupted half-way can be applied again; a
 * path that would leave the copy is refused and counted, never followed.
 */
public final class ManifestApplier {
    private final Path source;
    private final Path target;
    private final PendingCopies pending;
    private final SourceInodes inodes;
    private Counts counts = new Counts();
    private final List<String> refused = new ArrayList<>();

    /** What one or more manifests did to the copy. */
    public static final class Counts {
        public long removed;
        public long moved;
        public long created;
        public long linked;
        public long refreshed;
        /** NEW/MODIFY/META whose path the volume no longer has: kept pending, followed through later renames. */
        public long vanished;
        /** Pending copies (from earlier manifests) made once the volume showed their path. */
        public long caughtUp;

        @Override
        public String toString() {
            return "removed=" + removed + " moved=" + moved + " created=" + created + " linked=" + linked
                    + " refreshed=" + refreshed + " vanished=" + vanished + " caught-up=" + caughtUp;
        }
    }

    public ManifestApplier(Path source, Path target) {
        this(source, target, new PendingCopies(List.of()), SourceInodes.MOUNT);
    }

    /**
     * {@code pending}: copies still owed from earlier manifests (kept in the progress file); {@code inodes}: who
     * holds a source path now (on a GlusterFS mount, {@link SourceInodes#MOUNT}).
     */
    public ManifestApplier(Path source, Path target, PendingCopies pending, SourceInodes inodes) {
        this.source = source;
        this.target = target;
        this.pending = pending;
        this.inodes = inodes;
    }

    public PendingCopies pending() {
        return pending;
    }


    /** Entries refused because their path was unsafe, with the reason. */
    public List<String> refused() {
        return refused;
    }

    /** Records that the first {@code n} steps of the manifest being applied are done. */
    @FunctionalInterface
    public interface Progress {
        void done(int n) throws IOException;
    }

    /**
     * Applies one manifest, skipping its first {@code skip} steps (done by an interrupted run); {@code progress}
     * hears after every rename and every 256 steps, so a re-run never repeats a rename. Returns what it did.
     */
    public Counts apply(ManifestFile manifest, int skip, Progress progress) throws IOException {
        counts = new Counts();
        if (skip == 0) {
            pending.follow(manifest); // an interrupted run followed them already
        }
        Map<GfidKey, Path> createdFiles = new HashMap<>();
        List<ReplayStep> plan = ReplayPlan.of(manifest.entries());
        for (int i = skip; i < plan.size(); i++) {
            step(manifest, plan.get(i), createdFiles);
            if (plan.get(i).kind() == ReplayStep.Kind.MOVE || (i + 1) % 256 == 0) {
                progress.done(i + 1);
            }
        }
        counts.caughtUp = pending.copyFound(source, target, inodes);
        return counts;
    }

    private void step(ManifestFile manifest, ReplayStep s, Map<GfidKey, Path> createdFiles) throws IOException {
        Path p;
        Path t;
        try {
            p = SafePath.under(target, s.path());
            t = s.target() == null ? null : SafePath.under(target, s.target());
        } catch (IllegalArgumentException e) {
            refused.add(manifest.name() + ": " + s.entry().op() + " refused: " + e.getMessage());
            return;
        }
        switch (s.kind()) {
            case REMOVE -> {
                if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    counts.removed++;
                }
            }
            case MOVE -> move(s, p, t);
            case CREATE -> create(s, p, createdFiles);
            case REFRESH -> {
                Path src = source(s.path());
                if (inodes.holds(src, s.entry().gfid()) && SourceCopier.refresh(src, p)) {
                    counts.refreshed++;
                } else {
                    vanished(s);
                }
            }
            default -> throw new IllegalStateException("unknown step " + s.kind());
        }
    }

    private void move(ReplayStep s, Path from, Path to) throws IOException {
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(to); // what a rename replaces is gone on the volume too
            }
            Files.createDirectories(to.getParent());
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            counts.moved++;
        } else if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS) && !isTemporary(s.target())) {
            // Moved already in an interrupted run, or never in the copy: fetch it.
            Path src = source(s.target());
            if (inodes.holds(src, s.entry().gfid()) && SourceCopier.copy(src, to)) {
                counts.created++;
            } else {
                counts.vanished++;
                pending.add(s.entry().gfid(), s.entry().type(), s.target());
            }
        }
    }

    private void create(ReplayStep s, Path p, Map<GfidKey, Path> createdFiles) throws IOException {
        Path sibling = createdFiles.get(s.entry().gfid());
        if (s.entry().type() == FileType.FILE && sibling != null && Files.exists(sibling, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(p);
            Files.createDirectories(p.getParent());
            Files.createLink(p, sibling);
            counts.linked++;
            return;
        }
        Path src = source(s.path());
        if (inodes.holds(src, s.entry().gfid()) && SourceCopier.copy(src, p)) {
            counts.created++;
            if (s.entry().type() == FileType.FILE) {
                createdFiles.putIfAbsent(s.entry().gfid(), p);
            }
        } else {
            vanished(s);
        }
    }

    private void vanished(ReplayStep s) {
        counts.vanished++;
        pending.add(s.entry().gfid(), s.entry().type(), s.path());
    }

    private Path source(byte[] relative) {
        return SafePath.under(source, relative);
    }

    private static boolean isTemporary(byte[] path) {
        return RawPaths.display(path).startsWith(ReplayPlan.TEMP_PREFIX);
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(q);
                }
            }
        } else {
            Files.deleteIfExists(p);
        }
    }
}
