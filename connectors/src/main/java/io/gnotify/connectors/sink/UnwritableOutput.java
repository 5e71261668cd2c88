package io.gnotify.connectors.sink;

import java.io.IOException;
import java.nio.file.Path;

/** The one error for an output file the sink cannot create, append to, sync, reopen or publish. */
final class UnwritableOutput {
    private UnwritableOutput() {}

    /**
     * Names the file and what happens next: an output directory that is full, read-only or otherwise not writable
     * fails the task, nothing of an unfinished window is ever published, and the job restarts from its last
     * checkpoint (so it goes on by itself once the directory is writable again).
     */
    static IOException of(Path file, IOException e) {
        return new IOException("gnotify cannot write " + file + ": " + e + "; nothing unfinished is published, and the job "
                + "restarts from its last checkpoint (it goes on by itself once the output directory is writable and has space)", e);
    }
}
