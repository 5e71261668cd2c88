package io.gnotify.connectors.journal;

import java.io.IOException;

/** A journal that cannot be decoded at some offset; carries the typed {@link JournalProblem}. */
public final class JournalFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient JournalProblem problem;

    public JournalFormatException(JournalProblem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    public JournalProblem problem() {
        return problem;
    }
}
