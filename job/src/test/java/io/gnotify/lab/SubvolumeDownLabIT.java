package io.gnotify.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.job.manifest.ManifestEntry;
import io.gnotify.job.manifest.ManifestFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole subvolume of a real GlusterFS distribute volume dies (its only brick process killed) while the
 * files of the other subvolume keep changing. Windows wait for it for the brick down timeout plus the
 * subvolume gap timeout, then close without it and mark its brick {@code gap}; the changes of the live
 * subvolume are in them. Brought back with {@code gluster volume start VOL force}, the brick is {@code ok}
 * again in later windows; the chain verifies and the backup that {@code apply} builds equals the volume.
 */
class SubvolumeDownLabIT {
    static final String VOLUME = "gnsubdown";

    @Test
    void windowsArePublishedWithAGapAfterTheTimeoutAndTheBrickRejoins(@TempDir Path temp) throws Exception {
        LabGluster.withContinuousRun(VOLUME, temp, "dist2", new String[] {"--brick-down-timeout", "8s",
                "--subvolume-gap-timeout", "5s"}, (lab, tmp, out, manifests, gnotify) -> {
            // b2, the second subvolume, dies; files that live on b1 keep changing through the mount.
            String brick = lab.brickPath("b2");
            lab.killBrick(brick);
            long downAt = LabGluster.nowSecond();
            List<String> appended = appendToFilesOf(Path.of(lab.brickPath("b1")), lab.mount(), 10);
            assertThat(appended).as("files on b1 changed while b2 is down").isNotEmpty();
            // Published past the outage: 8 s down timeout + 5 s gap timeout + a window.
            LabGluster.awaitWindowsClosedPast(manifests, downAt + 25);

            lab.restartBrick(brick);
            long backAt = LabGluster.nowSecond();
            lab.lab("workload", VOLUME, "churn");
            List<ManifestFile> all = LabGluster.stopOnceClosed(gnotify, manifests);
            List<ManifestFile> gapWindows = all.stream().filter(m -> LabGluster.brickStatus(m, brick).equals("gap")).toList();
            assertThat(gapWindows).as("windows published with %s as a gap", brick).isNotEmpty();
            // The gap starts at b2's last rollover before the kill (rollovers every 2 s in the lab).
            assertThat(gapWindows).allSatisfy(m -> assertThat(m.window().windowEnd()).isGreaterThan(downAt - 5)
                    .isLessThanOrEqualTo(backAt + 30));
            List<String> modified = gapWindows.stream().flatMap(m -> m.entries().stream())
                    .filter(e -> e.op() == ManifestEntry.Op.MODIFY).map(e -> new String(e.path(), StandardCharsets.UTF_8))
                    .toList();
            assertThat(modified).as("the live subvolume's changes are in the gap windows").containsAll(appended);
            ManifestFile last = all.get(all.size() - 1);
            assertThat(LabGluster.brickStatus(last, brick)).as("after it came back").isEqualTo("ok");
            System.out.printf("SubvolumeDownLabIT: %d windows, %d published with a gap, %d files changed meanwhile%n",
                    all.size(), gapWindows.size(), appended.size());

            lab.assertVerifiedAndReplayable(out, manifests, tmp.resolve("backup"));
        });
    }

    /**
     * Appends a line through the mount to up to {@code max} regular files whose data lives on the brick
     * {@code backend} (not DHT link-to files); returns their volume paths.
     */
    private static List<String> appendToFilesOf(Path backend, Path mount, int max) throws IOException {
        List<String> done = new ArrayList<>();
        try (Stream<Path> files = Files.walk(backend)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
                    .filter(f -> !backend.relativize(f).startsWith(".glusterfs")).sorted()::iterator) {
                if (done.size() == max) {
                    break;
                }
                if (Files.size(f) == 0 && Files.getPosixFilePermissions(f).isEmpty()) {
                    continue; // a link-to file (mode ---------T)
                }
                String rel = backend.relativize(f).toString();
                Files.writeString(mount.resolve(rel), "changed while b2 was down\n", StandardOpenOption.APPEND);
                done.add(rel);
            }
        }
        return done;
    }
}
