package io.gnotify.job;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.SourceTestSupport;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Job settings and environments for running the pipeline on the bundled fixtures in tests. */
public final class FixtureVolumes {
    private FixtureVolumes() {}

    /** Bounded settings reading a fixture volume, with 5 s windows. */
    public static JobSettings settings(String fixture, Path output) throws Exception {
        VolumeInfo volume = VolumeInfo.parse(Fixtures.fixture(fixture).resolve("volume-info.xml"), null);
        String from = volume.bricks().get(0).path().replaceAll("/b1$", "");
        return new JobSettings(volume, BrickMap.of(List.of(from + "=" + Fixtures.fixture(fixture).resolve("bricks"))),
                output, new WindowGrid(5), true, StartPosition.earliest(), Duration.ofMinutes(5), true,
                Duration.ofMillis(50), Duration.ofSeconds(60), Duration.ofSeconds(30), null);
    }

    /** The ordered volume events of a fixture (bounded run), operations only. */
    public static java.util.List<io.gnotify.connectors.event.VolumeEvent> events(String fixture, Path tmp, int parallelism)
            throws Exception {
        StreamExecutionEnvironment env = env(parallelism, tmp.resolve("cp"));
        java.util.List<io.gnotify.connectors.event.VolumeEvent> out = new java.util.ArrayList<>();
        try (var it = VolumePipeline.orderedEvents(env, settings(fixture, tmp.resolve("out"))).executeAndCollect()) {
            it.forEachRemaining(e -> {
                if (e.isOperation()) {
                    out.add(e);
                }
            });
        }
        return out;
    }

    /** RocksDB, incremental checkpoints every 100 ms, 3 restarts, no Kryo. */
    public static StreamExecutionEnvironment env(int parallelism, Path checkpoints) {
        return SourceTestSupport.rocksDbEnv(parallelism, checkpoints, null);
    }

    /**
     * Every file under {@code dir}: relative name to bytes (hidden in-progress files included). A running job
     * may rename a file while it is listed or read; then the directory is read again.
     */
    public static java.util.Map<String, byte[]> files(Path dir) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return filesOnce(dir);
            } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException raced) {
                if (attempt == 20) {
                    throw raced;
                }
                Thread.sleep(50);
            }
        }
    }

    private static java.util.Map<String, byte[]> filesOnce(Path dir) throws Exception {
        java.util.Map<String, byte[]> out = new java.util.TreeMap<>();
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.filter(java.nio.file.Files::isRegularFile)::iterator) {
                String name = dir.relativize(p).toString();
                byte[] bytes = java.nio.file.Files.readAllBytes(p);
                out.put(name, name.contains("/analytics/") ? withoutWallClock(bytes) : bytes);
            }
        }
        return out;
    }

    /** An analytics file without its {@code pipeline} object, the one part that depends on the wall clock. */
    static byte[] withoutWallClock(byte[] analytics) throws java.io.IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(analytics);
        org.assertj.core.api.Assertions.assertThat(root.remove("pipeline")).as("pipeline object").isNotNull();
        return json.writeValueAsBytes(root);
    }
}
