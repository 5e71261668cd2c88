package io.gnotify.job.watch;

import java.nio.charset.StandardCharsets;

/**
 * One committed change as a tail delivers it: its position (resume at {@link #next()} to continue after it),
 * the window that committed it, the op ({@code NEW}, {@code DELETE}, … for manifest entries; the fop, or
 * {@code DATA} for a data record, for volume events), its paths as raw bytes ({@code null} when unknown:
 * volume events carry parent gfids and names, only deletions carry a path), its gfid, and its committed JSON
 * line as written.
 */
public record Notification(TailPosition position, boolean manifestEntry, long windowStart, long windowEnd, String op,
        byte[] path, byte[] oldPath, String gfid, String line) {

    /** Where a consumer resumes to continue right after this notification. */
    public TailPosition next() {
        return position.next(manifestEntry);
    }

    /** The committed line with the position and window in front: one JSON object. */
    public String json() {
        return "{\"pos\":\"" + position + "\",\"window_start\":" + windowStart + ",\"window_end\":" + windowEnd
                + (line.length() > 2 ? "," : "") + line.substring(1);
    }

    /** A readable line: position, op, path (and old path), gfid. */
    public String text() {
        StringBuilder b = new StringBuilder().append(position).append(' ').append(op).append(' ');
        if (oldPath != null) {
            b.append(text(oldPath)).append(" -> ");
        }
        b.append(path == null ? "-" : text(path)).append(' ').append(gfid);
        return b.toString();
    }

    /** A path for a terminal: UTF-8, with control characters and backslashes escaped. */
    private static String text(byte[] raw) {
        String s = new String(raw, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                b.append("\\\\");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else if (c == ' ') {
                b.append("\\x20");
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
