package io.gnotify.job.manifest;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Typed options of the manifest stage. */
public final class ManifestOptions {
    private ManifestOptions() {}

    public static final ConfigOption<Integer> NAMESPACE_CACHE_ENTRIES = ConfigOptions
            .key("gnotify.manifest.namespace-cache-entries").intType().defaultValue(200_000)
            .withDescription("How many inodes, and as many directory entries, the manifest stage keeps on the heap "
                    + "across windows in front of its RocksDB state (least recently used dropped first; about "
                    + "160 bytes each, some 60 MB at the default). 0 turns the cache off.");

    public static final ConfigOption<Integer> UNPLACED_NAMES = ConfigOptions
            .key("gnotify.manifest.unplaced-names").intType().defaultValue(10_000)
            .withDescription("How many inodes published without a path (a directory above them came from a hole in "
                    + "the journals or from before them) the manifest stage tracks, so that the first window able to "
                    + "place them publishes them NEW with their paths. Kept in operator state, about 100 bytes each in "
                    + "every checkpoint; past the limit such inodes are counted (metric unplacedNamesUntracked) and not "
                    + "tracked. 0 turns the tracking off.");
}
