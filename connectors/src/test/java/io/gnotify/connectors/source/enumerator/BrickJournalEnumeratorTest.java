package io.gnotify.connectors.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.journal.Fixtures;
import io.gnotify.connectors.source.event.BrickProgressEvent;
import io.gnotify.connectors.source.event.BrickStatusEvent;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.volume.VolumeInfo;
import java.util.List;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

/** The enumerator after a restore: the readers already hold their splits, and down verdicts must still reach them. */
class BrickJournalEnumeratorTest {
    private static final String B1 = BrickLivenessTest.B1;
    private static final String B2 = BrickLivenessTest.B2;
    private static final String B3 = BrickLivenessTest.B3;
    private static final String B4 = BrickLivenessTest.B4;

    @Test
    void aRestoredReplicaThatNeverRollsOverAgainIsDeclaredDownToTheReaderThatHoldsIt() throws Throwable {
        VolumeInfo volume = VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null);
        try (MockSplitEnumeratorContext<BrickSplit> context = new MockSplitEnumeratorContext<>(2)) {
            // Nothing left to assign: every split came back with its reader's state.
            BrickJournalEnumerator e = new BrickJournalEnumerator(context, volume, List.of(), false, 100, -1, 10);
            e.start();
            context.registerReader(new ReaderInfo(0, "localhost"));
            context.registerReader(new ReaderInfo(1, "localhost"));
            e.addReader(0);
            e.addReader(1);
            // Each reader reports where its restored bricks are; b2 (reader 1) never reports again.
            e.handleSourceEvent(0, new BrickProgressEvent(B1, 1000));
            e.handleSourceEvent(1, new BrickProgressEvent(B2, 1000));
            e.handleSourceEvent(0, new BrickProgressEvent(B3, 1000));
            e.handleSourceEvent(1, new BrickProgressEvent(B4, 1000));
            long until = System.currentTimeMillis() + 2_000;
            long rollover = 1001;
            while (!context.getSentSourceEvent().containsKey(1) && System.currentTimeMillis() < until) {
                Thread.sleep(20);
                for (String live : new String[] {B1, B3, B4}) {
                    e.handleSourceEvent(live.equals(B4) ? 1 : 0, new BrickProgressEvent(live, rollover));
                }
                rollover++;
                context.runPeriodicCallable(0);
            }
            assertThat(context.getSentSourceEvent().get(1)).containsExactly(new BrickStatusEvent(B2, true, true));
            assertThat(context.getSentSourceEvent()).doesNotContainKey(0);
        }
    }
}
