package io.gnotify.connectors.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.event.BrickStatusEvent;
import io.gnotify.connectors.volume.VolumeInfo;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Down and carried verdicts on the 2x2 fixture volume with a fake clock. */
class BrickLivenessTest {
    static final String B1 = "vm:/srv/gl/dr22/b1";
    static final String B2 = "vm:/srv/gl/dr22/b2";
    static final String B3 = "vm:/srv/gl/dr22/b3";
    static final String B4 = "vm:/srv/gl/dr22/b4";

    @Test
    void aSilentBrickIsDownAndCarriedByItsLiveReplica() throws Exception {
        AtomicLong now = new AtomicLong(0);
        BrickLiveness l = new BrickLiveness(VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null),
                1000, now::get);
        // Every brick rolls over every 200 ms; b2 stops after its rollover at 400 ms.
        for (long t = 200; t <= 1400; t += 200) {
            now.set(t);
            for (String b : new String[] {B1, B2, B3, B4}) {
                if (!b.equals(B2) || t <= 400) {
                    l.progress(b, t);
                }
            }
            assertThat(l.evaluate()).as("at %d ms", t).isEmpty();
        }
        // A report of the same rollover again is no progress.
        l.progress(B2, 400);
        now.set(1401);
        assertThat(l.evaluate()).containsExactly(new BrickStatusEvent(B2, true, true));
        assertThat(l.evaluate()).as("reported once").isEmpty();
        assertThat(l.downCount()).isEqualTo(1);
        // It comes back.
        l.progress(B2, 600);
        assertThat(l.evaluate()).containsExactly(new BrickStatusEvent(B2, false, false));
        assertThat(l.downCount()).isZero();
    }

    @Test
    void aWholeSubvolumeDownIsNotCarried() throws Exception {
        AtomicLong now = new AtomicLong(0);
        BrickLiveness l = new BrickLiveness(VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null),
                1000, now::get);
        now.set(1500);
        l.progress(B1, 10);
        l.progress(B2, 10);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent(B3, true, false),
                new BrickStatusEvent(B4, true, false));
        // One of them returns: the other is now carried.
        l.progress(B3, 11);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent(B3, false, false),
                new BrickStatusEvent(B4, true, true));
    }

    @Test
    void aWholeSubvolumeDownIsUncoveredAfterTheGapTimeoutCountedFromItsLastLiveBrick() throws Exception {
        AtomicLong now = new AtomicLong(0);
        BrickLiveness l = new BrickLiveness(VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null),
                1000, 3000, now::get);
        // b3 stops at 0 and is carried by b4; b4 stops at 2000.
        for (long t = 500; t <= 2000; t += 500) {
            now.set(t);
            l.progress(B1, t);
            l.progress(B2, t);
            l.progress(B4, t);
            l.evaluate();
        }
        now.set(3001);
        l.progress(B1, 3001);
        l.progress(B2, 3001);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent(B3, true, false),
                new BrickStatusEvent(B4, true, false));
        // The gap timeout counts from 3001, when the subvolume lost its last live brick, not from b3's stop.
        now.set(6000);
        l.progress(B1, 6000);
        l.progress(B2, 6000);
        assertThat(l.evaluate()).isEmpty();
        now.set(6001);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent(B3, true, false, true),
                new BrickStatusEvent(B4, true, false, true));
        assertThat(l.evaluate()).isEmpty();
        // b4 comes back: it is up, b3 is carried by it again (no longer uncovered).
        l.progress(B4, 6001);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent(B3, true, true, false),
                new BrickStatusEvent(B4, false, false, false));
    }

    @Test
    void anArbiterAloneDoesNotCarryItsDataBricks() {
        java.util.List<io.gnotify.connectors.volume.Brick> bricks = java.util.List.of(
                new io.gnotify.connectors.volume.Brick(0, 0, "h1", "/b1", false),
                new io.gnotify.connectors.volume.Brick(1, 0, "h2", "/b2", false),
                new io.gnotify.connectors.volume.Brick(2, 0, "h3", "/b3", true));
        AtomicLong now = new AtomicLong(0);
        BrickLiveness l = new BrickLiveness(new VolumeInfo("arb", "id", "Replicate", 3, 0, bricks), 1000, now::get);
        now.set(1500);
        l.progress("h3:/b3", 5);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent("h1:/b1", true, false),
                new BrickStatusEvent("h2:/b2", true, false));
        l.progress("h2:/b2", 5);
        assertThat(l.evaluate()).containsExactlyInAnyOrder(new BrickStatusEvent("h1:/b1", true, true),
                new BrickStatusEvent("h2:/b2", false, false));
    }
}
