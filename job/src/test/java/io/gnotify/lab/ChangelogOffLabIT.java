package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Journalling is turned off on a real GlusterFS 2x2 volume while it changes, then on again: every brick's
 * journals have a hole (a new HTIME file). gnotify marks the brick {@code gap} where the hole is, then crawls the
 * volume through its mount and publishes the changes it finds in a window whose manifest says
 * {@code "reconcile": true}; the journals after the hole carry on. Then, with gnotify stopped, the volume
 * changes and every brick loses a journal (a purge), and the journals after it put names under a directory only the
 * purged one created: resumed, gnotify reconciles that hole too and gives those names their paths. The chain
 * verifies and the backup that {@code apply} builds from the manifests equals the volume.
 */
class ChangelogOffLabIT {
    static final String VOLUME = "gnoff";

    @Test
    void aHoleInTheJournalsIsReconciledByACrawl(@TempDir Path temp) throws Exception {
        LabGluster.withContinuousRun(VOLUME, temp, "dr22", new String[] {}, (lab, tmp, out, manifests, gnotify) -> {
            lab.sh("gluster", "volume", "set", VOLUME, "changelog.changelog", "off");
            lab.lab("workload", VOLUME, "mutate");
            lab.sh("gluster", "volume", "set", VOLUME, "changelog.changelog", "on");
            lab.lab("workload", VOLUME, "churn");
            LabGluster.awaitWindowsClosedPast(manifests, LabGluster.nowSecond() + 5);
            awaitReconciledFrom(manifests, 0);
            gnotify.destroy();
            gnotify.waitFor();

            List<ManifestFile> all = LabGluster.readManifests(manifests);
            List<ManifestFile> gaps = all.stream()
                    .filter(m -> m.window().bricks().stream().anyMatch(b -> b.status().equals("gap"))).toList();
            List<ManifestFile> reconciled = all.stream().filter(m -> m.window().reconcileSince() != null).toList();
            System.out.printf("ChangelogOffLabIT: %d windows, %d with a gap, %d reconciled (%s entries)%n", all.size(),
                    gaps.size(), reconciled.size(), reconciled.stream().map(m -> String.valueOf(m.entries().size())).toList());
            assertThat(gaps).as("windows marking the hole").isNotEmpty();
            assertThat(reconciled).as("reconciling windows").isNotEmpty();
            assertThat(reconciled.get(0).window().windowStart()).isGreaterThanOrEqualTo(gaps.get(0).window().windowStart());
            assertThat(reconciled.get(0).entries()).as("what the crawl found").isNotEmpty();

            // A purge: while gnotify is stopped the volume changes, and every brick loses a journal gnotify had
            // not read yet. Resumed, gnotify marks the hole and reconciles it as well.
            // The volume has been quiet since the churn, so every journal named from now on holds the edge
            // workload's operations (a rollover in this very second included).
            long purgeFrom = LabGluster.nowSecond();
            lab.lab("workload", VOLUME, "edge");
            // Past a rollover, so journals after the purged one have them: names under the directory only the purged
            // journal created (edge), and a rename of a file it created, whose type no journal left then gives.
            Thread.sleep(2_000);
            Path edge = lab.mount().resolve("edge");
            java.nio.file.Files.writeString(edge.resolve("after the purge.txt"), "later");
            java.nio.file.Files.createSymbolicLink(edge.resolve("link after the purge"), Path.of("after the purge.txt"));
            java.nio.file.Files.createDirectories(edge.resolve("later/deeper"));
            java.nio.file.Files.writeString(edge.resolve("later/deeper/file"), "deep");
            java.nio.file.Files.move(edge.resolve("~tilde"), edge.resolve("~tilde renamed after the purge"));
            Thread.sleep(4_000);
            List<String> purged = new java.util.ArrayList<>();
            for (String brick : List.of("b1", "b2", "b3", "b4")) {
                purgeJournalAfter(Path.of(lab.brickPath(brick)), purgeFrom).ifPresent(purged::add);
            }
            assertThat(purged).as("journals written by the edge workload").isNotEmpty();
            Process resumed = lab.startContinuous(out, tmp.resolve("state"));
            try {
                LabGluster.awaitWindowsClosedPast(manifests, LabGluster.nowSecond() + 5);
                awaitReconciledFrom(manifests, purgeFrom - 5);
            } finally {
                resumed.destroy();
                resumed.waitFor();
            }
            List<ManifestFile> after = LabGluster.readManifests(manifests).stream()
                    .filter(m -> m.window().windowStart() >= purgeFrom - 5 && m.window().reconcileSince() != null).toList();
            System.out.printf("ChangelogOffLabIT: purged %s; %d windows reconciled after the purge%n", purged, after.size());
            assertThat(after).as("a window reconciling the purge").isNotEmpty();
            assertThat(after.stream().flatMap(m -> m.entries().stream()).map(ManifestEntry::toString))
                    .as("names placed under the purged journal's directory")
                    .contains("NEW edge (dir)", "NEW edge/link after the purge (symlink)", "NEW edge/later/deeper/file (file)",
                            "NEW edge/~tilde renamed after the purge (file)");

            lab.assertVerifiedAndReplayable(out, manifests, tmp.resolve("backup"));
        });
    }

    /** Waits until a window starting at or after {@code second} reconciled a hole (the one after the hole's windows). */
    private static void awaitReconciledFrom(Path manifests, long second) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> LabGluster.readManifests(manifests).stream()
                        .anyMatch(m -> m.window().windowStart() >= second && m.window().reconcileSince() != null));
    }

    /**
     * Deletes the first journal of {@code brick} named at or after {@code second} (its HTIME entry stays); returns its name,
     * or nothing if the brick journalled nothing since.
     */
    private static java.util.Optional<String> purgeJournalAfter(Path brick, long second) throws Exception {
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.walk(brick.resolve(".glusterfs/changelogs"))) {
            java.util.Optional<Path> journal = s.filter(p -> p.getFileName().toString().matches("CHANGELOG\\.\\d+"))
                    .filter(p -> Long.parseLong(p.getFileName().toString().substring("CHANGELOG.".length())) >= second)
                    .sorted().findFirst();
            if (journal.isPresent()) {
                java.nio.file.Files.delete(journal.get());
            }
            return journal.map(j -> brick.getFileName() + "/" + j.getFileName());
        }
    }
}
