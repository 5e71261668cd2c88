package io.gnotify.job;

import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/** Everything the pipeline needs to know, as given on the command line. */
public record JobSettings(VolumeInfo volume, BrickMap brickMap, Path output, WindowGrid windows, boolean bounded,
        StartPosition start, Duration dedupHorizon, boolean emitEvents, Duration pollInterval,
        Duration brickDownTimeout, Duration maxBrickDrift) implements Serializable {}
