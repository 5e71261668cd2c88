package io.gnotify.job.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** Reads the fixtures' mount snapshots ({@code truth/namespace-*.tsv.gz}): path to "type gfid". */
public final class NamespaceSnapshot {
    private NamespaceSnapshot() {}

    /** Path (unescaped) to "{@code d|f|l|o} gfid" for every entry but the root; p, c, b, s count as o(ther). */
    public static Map<String, String> read(Path gz) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                if (f[0].equals(".") || line.startsWith("#")) {
                    continue;
                }
                out.put(unescape(f[0]), typeClass(f[1]) + " " + f[7]);
            }
        }
        return out;
    }

    /** The same view of a namespace store. */
    static Map<String, String> of(HeapNamespaceStore store) {
        Map<String, String> out = new TreeMap<>();
        PathResolver paths = new PathResolver(store::inode);
        store.inodes().forEach((g, inode) -> {
            for (Link l : inode.links()) {
                byte[] p = paths.path(l);
                out.put(p == null ? "<unresolved " + g + ">" : new String(p, StandardCharsets.UTF_8),
                        letter(inode.type()) + " " + g);
            }
        });
        return out;
    }

    private static String typeClass(String t) {
        return t.equals("d") || t.equals("f") || t.equals("l") ? t : "o";
    }

    /** The snapshots' type letter of a manifest file type: d, f, l, or o for anything else. */
    static String letter(FileType t) {
        return switch (t) {
            case DIR -> "d";
            case FILE -> "f";
            case SYMLINK -> "l";
            default -> "o";
        };
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
