package io.gnotify.job.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rollover interval learnt from markers: outages left out, and the same after a restore. */
class RolloverSpacingTest {
    @Test
    void learnsTheLongestPlausibleIntervalAndSurvivesARestore() {
        RolloverSpacing s = new RolloverSpacing();
        s.rollover(0, 100);
        assertThat(s.span()).isZero();
        s.rollover(1, 101);
        s.rollover(0, 102);
        s.rollover(1, 116);
        assertThat(s.span()).isEqualTo(15);
        s.rollover(0, 1000); // back after an outage: not an interval
        assertThat(s.span()).isEqualTo(15);

        RolloverSpacing restored = RolloverSpacing.restore(s.snapshot());
        assertThat(restored.span()).isEqualTo(15);
        restored.rollover(1, 136);
        s.rollover(1, 136);
        assertThat(restored.span()).isEqualTo(s.span()).isEqualTo(20);
        assertThat(restored.snapshot()).isEqualTo(s.snapshot());
    }
}
