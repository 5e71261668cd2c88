package io.gnotify.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.source.BrickJournalSource;
import io.gnotify.connectors.source.BrickJournalSourceOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's Flink configuration ({@code -D}) reaches the source's options; the command line's own options win. */
class SourceOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void sourceOptionsSetInTheJobConfigurationReachTheSource() throws Exception {
        JobSettings settings = FixtureVolumes.settings("dr22-ascii", tmp);
        Configuration job = new Configuration();
        job.setString("gnotify.source.max-records-per-fetch", "1024");
        job.setString("source.reader.element.queue.capacity", "1");
        job.setString("gnotify.source.poll-interval", "7s");

        BrickJournalSource source = VolumePipeline.source(settings, job);

        assertThat(source.options().get(BrickJournalSourceOptions.MAX_RECORDS_PER_FETCH)).isEqualTo(1024);
        assertThat(source.options().get(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY)).isEqualTo(1);
        assertThat(source.options().get(BrickJournalSourceOptions.POLL_INTERVAL)).isEqualTo(settings.pollInterval());
        assertThat(source.options().get(BrickJournalSourceOptions.LIVENESS_CHECK_INTERVAL))
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void withoutThemTheDefaultsHold() throws Exception {
        BrickJournalSource source = VolumePipeline.source(FixtureVolumes.settings("dr22-ascii", tmp), new Configuration());
        assertThat(source.options().get(BrickJournalSourceOptions.MAX_RECORDS_PER_FETCH))
                .isEqualTo(BrickJournalSourceOptions.MAX_RECORDS_PER_FETCH.defaultValue());
    }
}
