package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A copy of the volume as paths (what a backup directory holds), changed by replay steps as a file system would be. */
final class PathModel {
    /** Path to "type gfid". */
    final Map<String, String> paths = new TreeMap<>();

    void apply(ReplayStep s) {
        String p = text(s.path());
        switch (s.kind()) {
            case REMOVE -> {
                require(paths.containsKey(p), "remove of a missing path", s);
                require(children(p).isEmpty(), "remove of a non-empty directory", s);
                paths.remove(p);
            }
            case MOVE -> {
                String t = text(s.target());
                require(paths.containsKey(p), "move of a missing path", s);
                require(!paths.containsKey(t), "move onto an existing path", s);
                require(parentExists(t), "move into a missing directory", s);
                List<String> moving = new ArrayList<>(children(p));
                moving.add(p);
                for (String m : moving) {
                    paths.put(t + m.substring(p.length()), paths.remove(m));
                }
            }
            case CREATE -> {
                require(!paths.containsKey(p), "create of an existing path", s);
                require(parentExists(p), "create in a missing directory", s);
                paths.put(p, NamespaceSnapshot.letter(s.entry().type()) + " " + s.entry().gfid());
            }
            case REFRESH -> require(paths.containsKey(p), "refresh of a missing path", s);
            default -> throw new IllegalStateException();
        }
    }

    private List<String> children(String dir) {
        List<String> out = new ArrayList<>();
        for (String k : paths.keySet()) {
            if (k.startsWith(dir + "/")) {
                out.add(k);
            }
        }
        return out;
    }

    private boolean parentExists(String p) {
        int slash = p.lastIndexOf('/');
        return slash < 0 || paths.containsKey(p.substring(0, slash));
    }

    private static void require(boolean ok, String what, ReplayStep s) {
        if (!ok) {
            throw new AssertionError(what + ": " + s);
        }
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
