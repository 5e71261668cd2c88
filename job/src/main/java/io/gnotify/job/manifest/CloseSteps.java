package io.gnotify.job.manifest;

import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * Runs the manifest stage's pending close in steps of about {@link #STEP_NANOS}, one a millisecond or so by
 * processing-time timer (so operations and barriers come in between), and holds back the watermarks that arrive
 * meanwhile: they go on after the window's files.
 */
final class CloseSteps {
    /** How long one step runs before the stage takes input again. */
    static final long STEP_NANOS = 2_000_000;

    private final ProcessingTimeService time;
    private final WindowCloseTimes closeTimes;
    /** Emits a completed close's files. */
    private final ThrowingConsumer<PendingClose, Exception> publish;
    /** Sends a watermark on. */
    private final ThrowingConsumer<Watermark, Exception> forward;
    private PendingClose pending;
    private Watermark held;
    private boolean scheduled;

    CloseSteps(ProcessingTimeService time, WindowCloseTimes closeTimes, ThrowingConsumer<PendingClose, Exception> publish,
            ThrowingConsumer<Watermark, Exception> forward) {
        this.time = time;
        this.closeTimes = closeTimes;
        this.publish = publish;
        this.forward = forward;
    }

    /** The close under way, or null. */
    PendingClose pending() {
        return pending;
    }

    /** Takes on {@code close} (the previous one is complete by now) and schedules its first step. */
    void start(PendingClose close) {
        pending = close;
        schedule();
    }

    /** Forwards {@code mark}, or holds it behind the close under way. */
    void watermark(Watermark mark) throws Exception {
        if (pending == null) {
            forward.accept(mark);
            return;
        }
        held = mark;
        schedule();
    }

    /** Completes the close under way at once, if there is one (another close, the end of input, a reconciled window). */
    void complete() throws Exception {
        if (pending != null) {
            closeTimes.start();
            pending.finish();
            closeTimes.stop();
            release();
        }
    }

    private void schedule() {
        if (scheduled) {
            return;
        }
        scheduled = true;
        time.registerTimer(time.getCurrentProcessingTime() + 1, t -> {
            scheduled = false;
            step();
        });
    }

    /** One step, about as long as the pause before the next (half of the stage's time while a close is under way). */
    private void step() throws Exception {
        if (pending == null) {
            return;
        }
        closeTimes.start();
        boolean done = pending.step(STEP_NANOS);
        closeTimes.stop();
        if (done) {
            release();
        } else {
            schedule();
        }
    }

    private void release() throws Exception {
        PendingClose done = pending;
        pending = null;
        publish.accept(done);
        if (held != null) {
            Watermark mark = held;
            held = null;
            forward.accept(mark);
        }
    }
}
