package io.gnotify.job.watch;

import io.gnotify.job.manifest.PathBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which notifications a tail delivers: ops (empty: all) and path prefixes (empty: all). A prefix is a
 * directory or file relative to the volume root and matches itself and everything below it, never a
 * sibling that merely starts with the same bytes; a rename matches when its old or its new path does.
 */
public record TailFilter(Set<String> ops, List<byte[]> pathPrefixes) {
    /** Everything. */
    public static final TailFilter ALL = new TailFilter(Set.of(), List.of());

    public TailFilter {
        TreeSet<String> upper = new TreeSet<>();
        ops.forEach(o -> upper.add(o.trim().toUpperCase(Locale.ROOT)));
        ops = Set.copyOf(upper);
        List<byte[]> prefixes = new ArrayList<>();
        for (byte[] p : pathPrefixes) {
            prefixes.add(trimSlashes(p));
        }
        pathPrefixes = List.copyOf(prefixes);
    }

    /** A filter from the command line's spelling: op names and UTF-8 path prefixes. */
    public static TailFilter of(List<String> ops, List<String> prefixes) {
        return new TailFilter(Set.copyOf(ops), prefixes.stream().map(p -> p.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** True if the filter lets {@code n} through. */
    public boolean matches(Notification n) {
        if (!ops.isEmpty() && !ops.contains(n.op())) {
            return false;
        }
        if (pathPrefixes.isEmpty()) {
            return true;
        }
        for (byte[] prefix : pathPrefixes) {
            if (prefix.length == 0 || within(n.path(), prefix) || within(n.oldPath(), prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean within(byte[] path, byte[] prefix) {
        return path != null && PathBytes.within(path, prefix);
    }

    private static byte[] trimSlashes(byte[] p) {
        int from = 0;
        int to = p.length;
        while (from < to && p[from] == '/') {
            from++;
        }
        while (to > from && p[to - 1] == '/') {
            to--;
        }
        return java.util.Arrays.copyOfRange(p, from, to);
    }
}
