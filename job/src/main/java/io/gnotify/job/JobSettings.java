package io.gnotify.job;

import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import io.gnotify.job.analytics.AnalyticsSettings;
import io.gnotify.job.manifest.NameOwners;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the pipeline needs to know, as given on the command line. {@code nameOwners} settles name
 * conflicts the journals cannot order by asking the live volume ({@code null}: keep the journal order);
 * {@code analytics} sets the directory depths and the length of the busiest-directory lists;
 * {@code subvolumeGapTimeout} how long windows wait for a subvolume with no live brick before they are
 * published without it ({@code null}: for ever); {@code healGrace} how long after a replica brick's return
 * the data and metadata records it logs alone, while its replicas journal, are taken for self-heal's.
 */
public record JobSettings(VolumeInfo volume, BrickMap brickMap, Path output, WindowGrid windows, boolean bounded,
        StartPosition start, Duration dedupHorizon, boolean emitEvents, Duration pollInterval,
        Duration brickDownTimeout, Duration maxBrickDrift, NameOwners nameOwners, AnalyticsSettings analytics,
        Duration subvolumeGapTimeout, Duration healGrace) implements Serializable {
    /** How long after a brick's return its lone data and metadata records are checked against its replicas'. */
    public static final Duration DEFAULT_HEAL_GRACE = Duration.ofHours(1);

    /** The settings with the default analytics (directory depths 1 and 2, top 10). */
    public JobSettings(VolumeInfo volume, BrickMap brickMap, Path output, WindowGrid windows, boolean bounded,
            StartPosition start, Duration dedupHorizon, boolean emitEvents, Duration pollInterval,
            Duration brickDownTimeout, Duration maxBrickDrift, NameOwners nameOwners) {
        this(volume, brickMap, output, windows, bounded, start, dedupHorizon, emitEvents, pollInterval, brickDownTimeout,
                maxBrickDrift, nameOwners, AnalyticsSettings.DEFAULT, null, DEFAULT_HEAL_GRACE);
    }

    /** The same settings with other analytics. */
    public JobSettings withAnalytics(AnalyticsSettings a) {
        return new JobSettings(volume, brickMap, output, windows, bounded, start, dedupHorizon, emitEvents, pollInterval,
                brickDownTimeout, maxBrickDrift, nameOwners, a, subvolumeGapTimeout, healGrace);
    }

    /** The same settings with a live name lookup. */
    public JobSettings withNameOwners(NameOwners owners) {
        return new JobSettings(volume, brickMap, output, windows, bounded, start, dedupHorizon, emitEvents, pollInterval,
                brickDownTimeout, maxBrickDrift, owners, analytics, subvolumeGapTimeout, healGrace);
    }
}
