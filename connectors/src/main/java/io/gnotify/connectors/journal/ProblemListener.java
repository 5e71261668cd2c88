package io.gnotify.connectors.journal;

/** Receives every problem a reader skips over; {@link #STRICT} turns the first one into an exception. */
@FunctionalInterface
public interface ProblemListener {
    /** Fails on the first problem instead of skipping. */
    ProblemListener STRICT = problem -> {
        throw new JournalFormatException(problem);
    };

    /** Drops problems (for look-ups whose problems another pass reports). */
    ProblemListener IGNORE = problem -> {};

    /** Called once per skipped region, in file order. */
    void onProblem(JournalProblem problem) throws JournalFormatException;
}
