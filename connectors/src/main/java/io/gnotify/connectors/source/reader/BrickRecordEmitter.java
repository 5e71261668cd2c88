package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.source.BrickRecord;
import io.gnotify.connectors.source.RolloverKind;
import io.gnotify.connectors.source.split.BrickCursor;
import io.gnotify.connectors.source.split.BrickSplitState;
import io.gnotify.connectors.volume.Brick;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a brick's elements and moves its split state past each one. A record goes out stamped with its
 * journal's time; a completed rollover at {@code T} becomes the brick's watermark {@code T*1000-1} (every
 * journal named before {@code T} is read) and is announced by a rollover marker; a restored split gets back
 * the watermark of its cursor's last rollover (no marker: that rollover was announced before the checkpoint);
 * an idle request marks the brick's split idle, after a DOWN (or UNCOVERED) marker at its last rollover.
 */
final class BrickRecordEmitter implements RecordEmitter<BrickElement, BrickRecord, BrickSplitState> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BrickRecordEmitter.class);
    private final Map<String, BrickMetrics> metrics;
    private final ObjLongConsumer<String> rolloverListener;

    BrickRecordEmitter(Map<String, BrickMetrics> metrics, ObjLongConsumer<String> rolloverListener) {
        this.metrics = metrics;
        this.rolloverListener = rolloverListener;
    }

    @Override
    public void emitRecord(BrickElement e, SourceOutput<BrickRecord> output, BrickSplitState state) {
        Brick brick = state.split().brick();
        BrickMetrics m = metrics.get(brick.id());
        switch (e.kind()) {
            case RECORD:
                output.collect(new BrickRecord(brick.index(), brick.subvolume(), e.journalTs(), e.record().offset(),
                        e.record()), e.journalTs() * 1000);
                state.moveTo(e.cursorAfter());
                m.records.inc();
                m.bytes.inc(e.record().length());
                break;
            case ROLLOVER:
                state.moveTo(e.cursorAfter());
                if (state.idle()) {
                    output.markActive();
                    state.idle(false);
                }
                output.collect(BrickRecord.rollover(brick.index(), brick.subvolume(), e.journalTs(), e.rollover()),
                        e.journalTs() * 1000);
                output.emitWatermark(new Watermark(e.journalTs() * 1000 - 1));
                m.rollover(e.journalTs());
                rolloverListener.accept(brick.id(), e.journalTs());
                break;
            case RESUMED:
                output.emitWatermark(new Watermark(e.journalTs() * 1000 - 1));
                m.rollover(e.journalTs());
                // Reported like a rollover: the enumerator learns who reads the brick, and a brick that never rolls
                // over again is declared down a timeout from now.
                rolloverListener.accept(brick.id(), e.journalTs());
                break;
            case IDLE:
                long covered = state.cursor() == null ? BrickCursor.NO_ROLLOVER : state.cursor().lastRollover();
                if (covered == BrickCursor.NO_ROLLOVER && e.rollover() == RolloverKind.UNCOVERED) {
                    // Nothing read from this brick yet: no time to mark its gap from. Its windows keep waiting
                    // rather than close without it unmarked.
                    LOG.warn("brick {} is uncovered but has never rolled over; the volume watermark keeps waiting for it",
                            brick.id());
                    break;
                }
                if (covered != BrickCursor.NO_ROLLOVER && (!state.idle() || e.rollover() == RolloverKind.UNCOVERED)) {
                    output.collect(BrickRecord.rollover(brick.index(), brick.subvolume(), covered, e.rollover()),
                            covered * 1000);
                }
                output.markIdle();
                state.idle(true);
                break;
            default:
                throw new IllegalStateException("unknown element " + e.kind());
        }
    }
}
