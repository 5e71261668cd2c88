package io.gnotify.job.backup;

import io.gnotify.connectors.crawl.RawPaths;
import java.nio.file.Path;

/**
 * Turns a manifest path (raw bytes, relative to the volume root) into a path under a directory, and refuses
 * anything that could leave it: an absolute path, an empty, {@code .} or {@code ..} component, a NUL byte.
 */
final class SafePath {
    private SafePath() {}

    /** {@code relative} under {@code root}; throws {@link IllegalArgumentException} naming the path if unsafe. */
    static Path under(Path root, byte[] relative) {
        if (relative.length == 0 || relative[0] == '/') {
            throw new IllegalArgumentException("not a volume-relative path: '" + RawPaths.display(relative) + "'");
        }
        int start = 0;
        for (int i = 0; i <= relative.length; i++) {
            if (i == relative.length || relative[i] == '/') {
                int len = i - start;
                if (len == 0 || (len == 1 && relative[start] == '.') || (len == 2 && relative[start] == '.' && relative[start + 1] == '.')) {
                    throw new IllegalArgumentException("path with an empty, '.' or '..' component: '" + RawPaths.display(relative) + "'");
                }
                start = i + 1;
            } else if (relative[i] == 0) {
                throw new IllegalArgumentException("path with a NUL byte: '" + RawPaths.display(relative) + "'");
            }
        }
        Path p = RawPaths.resolve(root, relative);
        if (p == null) {
            throw new IllegalArgumentException("name cannot be represented on this JVM (start it with --add-opens "
                    + "java.base/sun.nio.fs=ALL-UNNAMED): '" + RawPaths.display(relative) + "'");
        }
        if (!p.normalize().startsWith(root.normalize()) || p.normalize().equals(root.normalize())) {
            throw new IllegalArgumentException("path leaves the directory: '" + RawPaths.display(relative) + "'");
        }
        return p;
    }
}
