package io.gnotify.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gnotify.connectors.journal.JournalEncoding;
import io.gnotify.connectors.journal.synthetic.RecordListener;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeGenerator;
import io.gnotify.connectors.journal.synthetic.SyntheticVolumeSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's parser measurement counts every record and byte of the volume, and splits a parse into reading
 * and decoding.
 */
class JournalThroughputTest {
    @Test
    void parseCountsTheVolumeAndSplitsItsTime(@TempDir Path tmp) throws Exception {
        SyntheticVolumeSpec spec = SyntheticVolumeSpec.builder().volumeName("t").layout(2, 2)
                .encoding(JournalEncoding.ASCII).targetRecords(20_000).opsPerSecond(500).seed(3).build();
        SyntheticVolumeGenerator.Summary sum = SyntheticVolumeGenerator.generate(spec, tmp, RecordListener.NONE);
        List<Path> bricks;
        try (var s = Files.list(tmp.resolve("bricks"))) {
            bricks = s.sorted().toList();
        }

        JournalThroughput.Result r = JournalThroughput.measure(bricks, 1);

        assertThat(r.parse().records()).isEqualTo(sum.records());
        assertThat(r.parse().bytes()).isEqualTo(r.plain().bytes()).isPositive();
        assertThat(r.plain().records()).isZero();
        assertThat(r.plain().readSeconds()).isEqualTo(r.plain().seconds());
        assertThat(r.parse().readSeconds()).isPositive().isLessThan(r.parse().seconds());
        assertThat(r.parse().readNanosPerRecord() + r.parse().decodeNanosPerRecord())
                .isCloseTo(1e9 * r.parse().seconds() / sum.records(), within(1e-6));
        assertThat(r.ratio()).isPositive();
    }
}
