package io.gnotify.connectors.volume;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Re-bases brick paths ({@code --brick-map FROM=TO}): a brick whose path starts with the directory
 * {@code FROM} is read from the same relative place under {@code TO}. The longest matching FROM wins;
 * bricks no rule matches are read where GlusterFS says they are.
 */
public final class BrickMap implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String[]> rules;

    private BrickMap(List<String[]> rules) {
        this.rules = rules;
    }

    /** No re-basing. */
    public static BrickMap identity() {
        return new BrickMap(List.of());
    }

    /** Rules of the form {@code FROM=TO}; throws {@link IllegalArgumentException} for a malformed one. */
    public static BrickMap of(List<String> specs) {
        List<String[]> rules = new ArrayList<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            if (eq <= 0 || eq == spec.length() - 1) {
                throw new IllegalArgumentException("--brick-map takes FROM=TO, got '" + spec + "'");
            }
            rules.add(new String[] {trimSlash(spec.substring(0, eq)), spec.substring(eq + 1)});
        }
        rules.sort(Comparator.comparingInt((String[] r) -> r[0].length()).reversed());
        return new BrickMap(rules);
    }

    /** Where to read {@code brick} on this machine. */
    public Path locate(Brick brick) {
        String path = brick.path();
        for (String[] r : rules) {
            if (path.equals(r[0]) || path.startsWith(r[0] + "/") || r[0].isEmpty()) {
                String rest = path.substring(r[0].length());
                return Paths.get(r[1], rest.startsWith("/") ? rest.substring(1) : rest);
            }
        }
        return Paths.get(path);
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (String[] r : rules) {
            b.append(b.length() == 0 ? "" : ", ").append(r[0]).append('=').append(r[1]);
        }
        return b.toString();
    }
}
