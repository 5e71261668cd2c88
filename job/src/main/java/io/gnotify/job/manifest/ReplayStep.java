package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;

/**
 * One file-system step of applying a window's diff to a copy of the volume: remove a path, move a path
 * (with its subtree), create a path, or refresh a path's content or attributes from the source.
 */
public record ReplayStep(Kind kind, byte[] path, byte[] target, ManifestEntry entry) {

    /** What the step does. */
    public enum Kind {
        /** Remove {@code path} (a directory is empty by then). */
        REMOVE,
        /** Rename {@code path} to {@code target}, subtree included. */
        MOVE,
        /** Create {@code path} (content from the source, or an empty directory). */
        CREATE,
        /** Copy {@code path}'s data or attributes again from the source. */
        REFRESH
    }

    @Override
    public String toString() {
        return kind + " " + new String(path, StandardCharsets.UTF_8)
                + (target == null ? "" : " -> " + new String(target, StandardCharsets.UTF_8));
    }
}
