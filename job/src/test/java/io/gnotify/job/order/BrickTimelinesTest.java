package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.source.RolloverKind;
import org.junit.jupiter.api.Test;

/** Holes in a brick's journalling, as its rollover markers show them. */
class BrickTimelinesTest {
    static final long T = 1_795_500_000L;

    @Test
    void rolloversFarApartADownMarkerAndAGapAreHoles() {
        BrickTimelines t = new BrickTimelines();
        for (long ts = T; ts <= T + 30; ts += 15) {
            t.marker(0, ts, RolloverKind.JOURNAL);
        }
        assertThat(t.interval(0)).isEqualTo(15);
        assertThat(t.returned(0)).isEqualTo(Long.MIN_VALUE);
        assertThat(t.journalledThrough(0, T + 5, T + 30)).isTrue();
        assertThat(t.journalledThrough(0, T + 5, T + 31)).as("not rolled over past the span yet").isFalse();

        // Killed and restarted within the brick down timeout: only the long interval shows it.
        t.marker(0, T + 80, RolloverKind.JOURNAL);
        assertThat(t.returned(0)).isEqualTo(T + 80);
        assertThat(t.interval(0)).isEqualTo(15);
        assertThat(t.journalledThrough(0, T + 40, T + 50)).isFalse();
        t.marker(0, T + 95, RolloverKind.EMPTY);
        assertThat(t.journalledThrough(0, T + 80, T + 95)).isTrue();

        // Declared down: a hole from its last rollover to its next, however close.
        t.marker(0, T + 95, RolloverKind.DOWN);
        assertThat(t.journalledThrough(0, T + 96, T + 100)).isFalse();
        t.marker(0, T + 105, RolloverKind.JOURNAL);
        assertThat(t.returned(0)).isEqualTo(T + 105);
        assertThat(t.journalledThrough(0, T + 96, T + 100)).isFalse();

        // Journals missing: a hole too.
        t.marker(0, T + 120, RolloverKind.GAP);
        assertThat(t.returned(0)).isEqualTo(T + 120);

        BrickTimelines restored = BrickTimelines.restore(t.snapshot().entrySet());
        assertThat(restored.snapshot()).usingRecursiveComparison().isEqualTo(t.snapshot());
        assertThat(restored.returned(0)).isEqualTo(T + 120);
    }

    @Test
    void aBrickNeverSeenJournalledNothing() {
        BrickTimelines t = new BrickTimelines();
        t.marker(1, T, RolloverKind.JOURNAL);
        assertThat(t.journalledThrough(0, T - 5, T)).isFalse();
        assertThat(t.returned(1)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void clockStepRestampsAreNoInterval() {
        BrickTimelines t = new BrickTimelines();
        t.marker(0, T, RolloverKind.JOURNAL);
        t.marker(0, T + 15, RolloverKind.JOURNAL);
        t.marker(0, T + 16, RolloverKind.CLOCK_STEP);
        t.marker(0, T + 17, RolloverKind.CLOCK_STEP);
        assertThat(t.interval(0)).isEqualTo(15);
        assertThat(t.returned(0)).isEqualTo(Long.MIN_VALUE);
    }
}
