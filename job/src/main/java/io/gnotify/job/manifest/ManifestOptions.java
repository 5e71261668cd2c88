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
}
