package io.gnotify.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A directory tree as "type mode uid gid size content-hash|link-target" per relative path, for comparing a backup with the volume. */
final class TreeSnapshot {
    private TreeSnapshot() {}

    static Map<String, String> of(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(p -> !p.equals(root))::iterator) {
                out.put(root.relativize(p).toString(), describe(p));
            }
        }
        return out;
    }

    private static String describe(Path p) throws Exception {
        Map<String, Object> st = Files.readAttributes(p, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) st.get("mode");
        String head = Integer.toOctalString(mode) + " " + st.get("uid") + ":" + st.get("gid");
        if (Files.isSymbolicLink(p)) {
            return head + " -> " + Files.readSymbolicLink(p);
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return head + " " + st.get("size") + " " + sha256(p);
        }
        return head;
    }

    private static String sha256(Path p) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
