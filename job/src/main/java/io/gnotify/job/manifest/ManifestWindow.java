package io.gnotify.job.manifest;

import java.util.List;

/**
 * What a manifest header states about its window: volume, window, position in the chain, bricks, and whether
 * it reconciles a hole in the journals by a crawl ({@code reconcileSince}: the second the hole's changes were
 * looked for from, or {@code null}).
 */
public record ManifestWindow(String volume, String volumeId, long windowStart, long windowEnd, long seq, boolean full,
        String prevSha256, List<BrickWindowStatus> bricks, Long reconcileSince) {

    /** A window that reconciles nothing. */
    public ManifestWindow(String volume, String volumeId, long windowStart, long windowEnd, long seq, boolean full,
            String prevSha256, List<BrickWindowStatus> bricks) {
        this(volume, volumeId, windowStart, windowEnd, seq, full, prevSha256, bricks, null);
    }
}
