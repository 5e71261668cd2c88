package io.gnotify.job.order;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs what a watermark releases in steps, each a mail of the task's own, so that a checkpoint barrier (and any
 * other mail) is taken between two steps rather than after the whole release; a watermark that arrives during a
 * release waits for it, and the operator forwards each watermark only when its release has ended.
 */
final class SteppedRelease {
    /** One release, in steps. */
    interface Work {
        /** Takes what {@code mark} releases. */
        void begin(Watermark mark) throws Exception;

        /** Releases the next part; true once nothing is left. */
        boolean step() throws Exception;

        /** Everything {@code mark} released is out: finish up and forward it. */
        void end(Watermark mark) throws Exception;
    }

    private final MailboxExecutor mailbox;
    private final Work work;
    private final String name;
    private Watermark releasing;
    private Watermark held;

    SteppedRelease(MailboxExecutor mailbox, String name, Work work) {
        this.mailbox = mailbox;
        this.name = name;
        this.work = work;
    }

    /** A new watermark: released now, or after the release under way. */
    void watermark(Watermark mark) throws Exception {
        if (releasing != null) {
            held = mark;
            return;
        }
        releasing = mark;
        work.begin(mark);
        run();
    }

    /** A release is under way (its rest belongs in a checkpoint). */
    boolean underWay() {
        return releasing != null;
    }

    /** Runs the release under way, and any watermark held behind it, to the end (end of input). */
    void finish() throws Exception {
        while (releasing != null) {
            run();
        }
    }

    private void run() throws Exception {
        if (releasing == null) {
            return; // finished by finish() while this step was queued
        }
        if (!work.step()) {
            mailbox.execute(this::run, "%s: release up to watermark %s", name, releasing.getTimestamp());
            return;
        }
        Watermark done = releasing;
        releasing = null;
        work.end(done);
        if (held != null) {
            Watermark later = held;
            held = null;
            watermark(later);
        }
    }
}
