package io.gnotify.connectors.source.reader;

import io.gnotify.connectors.journal.JournalProblem;
import io.gnotify.connectors.journal.ProblemListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every journal problem with file and offset and counts them per brick for the metrics. */
final class BrickProblemReporter {
    private static final Logger LOG = LoggerFactory.getLogger(BrickProblemReporter.class);

    private final Map<String, AtomicLong> problems = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> skippedBytes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gaps = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> clockSteps = new ConcurrentHashMap<>();

    /** A listener that reports for {@code brick} and never throws, so reading goes on. */
    ProblemListener forBrick(String brick) {
        return p -> report(brick, p);
    }

    private void report(String brick, JournalProblem p) {
        counter(problems, brick).incrementAndGet();
        counter(skippedBytes, brick).addAndGet(p.skippedBytes());
        if (p.kind() == JournalProblem.Kind.MISSING_JOURNAL || p.kind() == JournalProblem.Kind.HTIME_RESTART) {
            counter(gaps, brick).incrementAndGet();
        } else if (p.kind() == JournalProblem.Kind.CLOCK_STEP) {
            counter(clockSteps, brick).incrementAndGet();
        }
        LOG.warn("brick {}: {}", brick, p);
    }

    long problems(String brick) {
        return counter(problems, brick).get();
    }

    long skippedBytes(String brick) {
        return counter(skippedBytes, brick).get();
    }

    long gaps(String brick) {
        return counter(gaps, brick).get();
    }

    long clockSteps(String brick) {
        return counter(clockSteps, brick).get();
    }

    private static AtomicLong counter(Map<String, AtomicLong> m, String brick) {
        return m.computeIfAbsent(brick, b -> new AtomicLong());
    }
}
