package io.gnotify.job;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.volume.BrickMap;
import io.gnotify.connectors.volume.VolumeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
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
                Duration.ofMillis(50), Duration.ofSeconds(60));
    }

    /** RocksDB, incremental checkpoints every 100 ms, 3 restarts, no Kryo. */
    public static StreamExecutionEnvironment env(int parallelism, Path checkpoints) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(100);
        return env;
    }
}
