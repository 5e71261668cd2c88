package io.gnotify.job.manifest;

import java.util.List;

/** What a manifest header states about its window: volume, window, position in the chain, bricks. */
public record ManifestWindow(String volume, String volumeId, long windowStart, long windowEnd, long seq, boolean full,
        String prevSha256, List<BrickWindowStatus> bricks) {}
