package io.gnotify.connectors.crawl;

import io.gnotify.connectors.journal.Gfid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brick backends of a distributed-replicated volume laid out as GlusterFS lays them out, for crawl tests:
 * directories on every brick, each file on the bricks of one subvolume, the same gfid everywhere in
 * {@code trusted.gfid}, and each file's gfid hard link under {@code .glusterfs}. Needs root.
 */
public final class VolumeBackend {
    private final List<List<Path>> subvolumes;
    private final Map<String, String> namespace = new TreeMap<>();
    private final Map<String, Integer> placement = new TreeMap<>();
    private long next = 1;

    /** {@code bricks} in volume order, {@code replica} bricks per subvolume. */
    public VolumeBackend(List<Path> bricks, int replica) throws IOException {
        subvolumes = new ArrayList<>();
        for (int i = 0; i < bricks.size(); i += replica) {
            subvolumes.add(bricks.subList(i, i + replica));
        }
        for (Path b : bricks) {
            Files.createDirectories(b.resolve(".glusterfs/00/00"));
        }
    }

    /** What the volume's mount shows: path to "{@code d|f|l} gfid". */
    public Map<String, String> namespace() {
        return namespace;
    }

    public void dir(String rel) throws IOException {
        long[] g = fresh();
        for (List<Path> sub : subvolumes) {
            for (Path b : sub) {
                Files.createDirectory(b.resolve(rel));
                tag(b, b.resolve(rel), g);
            }
        }
        namespace.put(rel, "d " + Gfid.toString(g[0], g[1]));
    }

    public void file(String rel, int subvolume, String content) throws IOException {
        long[] g = fresh();
        for (Path b : subvolumes.get(subvolume)) {
            Files.writeString(b.resolve(rel), content);
            tag(b, b.resolve(rel), g);
        }
        namespace.put(rel, "f " + Gfid.toString(g[0], g[1]));
        placement.put(rel, subvolume);
    }

    /** A second name for {@code existing}, on its subvolume. */
    public void link(String existing, String rel) throws IOException {
        for (Path b : subvolumes.get(placement.get(existing))) {
            Files.createLink(b.resolve(rel), b.resolve(existing));
        }
        namespace.put(rel, namespace.get(existing));
    }

    public void symlink(String rel, int subvolume, String target) throws IOException {
        long[] g = fresh();
        for (Path b : subvolumes.get(subvolume)) {
            Files.createSymbolicLink(b.resolve(rel), Path.of(target));
            tag(b, b.resolve(rel), g);
        }
        namespace.put(rel, "l " + Gfid.toString(g[0], g[1]));
    }

    /** Gives an entry the test created itself on {@code subvolume}'s bricks a gfid; returns it as text. */
    public String tag(String rel, int subvolume) throws IOException {
        long[] g = fresh();
        for (Path b : subvolumes.get(subvolume)) {
            tag(b, b.resolve(rel), g);
        }
        return Gfid.toString(g[0], g[1]);
    }

    private long[] fresh() {
        long n = next++;
        return new long[] {0x5eed_0000_0000_0000L + n, 0x7a11_0000_0000_0000L + n};
    }

    private static void tag(Path brick, Path p, long[] g) throws IOException {
        byte[] raw = new byte[16];
        Gfid.writeRaw(g[0], g[1], raw, 0);
        Xattrs.set(p.toString().getBytes(StandardCharsets.UTF_8), "trusted.gfid", raw);
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            String text = Gfid.toString(g[0], g[1]);
            Path link = brick.resolve(".glusterfs").resolve(text.substring(0, 2)).resolve(text.substring(2, 4)).resolve(text);
            Files.createDirectories(link.getParent());
            Files.createLink(link, p);
        }
    }
}
