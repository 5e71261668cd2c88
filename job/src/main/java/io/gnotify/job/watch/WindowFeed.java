package io.gnotify.job.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** One kind of committed window file a tail follows: where a start position lies, and what a file holds. */
interface WindowFeed {
    /**
     * Points {@code windows} at the committed file that holds {@code from} (or the one before it, when
     * {@code from} is the first position not committed yet) and returns true; returns false while no such
     * file is there, leaving the reason in {@link #notLocated()}. {@link TailPosition#START} is seq 1.
     */
    boolean locate(CommittedWindows windows, TailPosition from) throws IOException;

    /** Why the last {@link #locate} found no file. */
    String notLocated();

    /** The notifications of one committed window file, in order, none before {@code from}. */
    List<Notification> read(Path file, TailPosition from) throws IOException;
}
