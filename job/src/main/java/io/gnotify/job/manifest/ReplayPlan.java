package io.gnotify.job.manifest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Orders a window's diff into steps that take a copy of the volume from the window's start to its end on
 * a real file system, whatever renames, swaps and deletes it holds:
 * <ol>
 *   <li>leave: DELETEs and RENAME sources, deepest start path first (children before their directory);
 *       a rename source moves to a temporary name at the top, so cycles and renames over existing names
 *       cannot collide;</li>
 *   <li>arrive: NEWs and RENAME targets, shallowest end path first (parents before children);</li>
 *   <li>refresh: MODIFY and META.</li>
 * </ol>
 * Entries whose path could not be resolved are left out of the plan (they stay in the manifest).
 */
public final class ReplayPlan {
    /** Prefix of the temporary names used between leaving and arriving. */
    public static final String TEMP_PREFIX = ".gnotify-move-";
    private static final byte[] TEMP_PREFIX_BYTES = TEMP_PREFIX.getBytes(StandardCharsets.US_ASCII);

    private ReplayPlan() {}

    public static List<ReplayStep> of(List<ManifestEntry> entries) {
        List<ReplayStep> leave = new ArrayList<>();
        List<ReplayStep> arrive = new ArrayList<>();
        List<ReplayStep> refresh = new ArrayList<>();
        int n = 0;
        for (ManifestEntry e : entries) {
            switch (e.op()) {
                case DELETE -> {
                    if (e.path() != null) {
                        leave.add(new ReplayStep(ReplayStep.Kind.REMOVE, e.path(), null, e));
                    }
                }
                case RENAME -> {
                    if (e.path() != null && e.oldPath() != null) {
                        byte[] temp = (TEMP_PREFIX + e.gfid() + "-" + n++).getBytes(StandardCharsets.US_ASCII);
                        leave.add(new ReplayStep(ReplayStep.Kind.MOVE, e.oldPath(), temp, e));
                        arrive.add(new ReplayStep(ReplayStep.Kind.MOVE, temp, e.path(), e));
                    }
                }
                case NEW -> {
                    if (e.path() != null) {
                        arrive.add(new ReplayStep(ReplayStep.Kind.CREATE, e.path(), null, e));
                    }
                }
                default -> {
                    if (e.path() != null) {
                        refresh.add(new ReplayStep(ReplayStep.Kind.REFRESH, e.path(), null, e));
                    }
                }
            }
        }
        List<ReplayStep> plan = new ArrayList<>(entries.size() + leave.size());
        plan.addAll(sorted(leave, true));
        plan.addAll(sorted(arrive, false));
        plan.addAll(refresh);
        return plan;
    }

    /**
     * The entries in the order a manifest lists them: the order of each one's first step in the plan (DELETEs
     * and RENAMEs deepest source first, then NEWs parents first, then MODIFY and META), unresolved ones last.
     */
    public static List<ManifestEntry> entryOrder(List<ManifestEntry> entries) {
        List<ManifestEntry> out = new ArrayList<>(entries.size());
        for (ReplayStep s : of(entries)) {
            // A RENAME has two steps; the second (arriving from its temporary name) is not its first.
            if (!(s.kind() == ReplayStep.Kind.MOVE && PathBytes.startsWith(s.path(), TEMP_PREFIX_BYTES))) {
                out.add(s.entry());
            }
        }
        for (ManifestEntry e : entries) {
            if (e.unresolved()) {
                out.add(e);
            }
        }
        return out;
    }

    /** A step with its sort key computed once: the depth of the path it sorts by, and that path. */
    private record Keyed(int depth, byte[] path, ReplayStep step) {}

    private static final Comparator<Keyed> BY_DEPTH_THEN_PATH = Comparator.comparingInt(Keyed::depth)
            .thenComparing(Keyed::path, Arrays::compareUnsigned);

    /** Leaving steps deepest source first; arriving ones shallowest target first; ties by path bytes. */
    private static List<ReplayStep> sorted(List<ReplayStep> steps, boolean leaving) {
        List<Keyed> keyed = new ArrayList<>(steps.size());
        for (ReplayStep s : steps) {
            byte[] p = leaving || s.kind() != ReplayStep.Kind.MOVE ? s.path() : s.target();
            int depth = PathBytes.depth(p);
            keyed.add(new Keyed(leaving ? -depth : depth, p, s));
        }
        keyed.sort(BY_DEPTH_THEN_PATH);
        List<ReplayStep> out = new ArrayList<>(keyed.size());
        keyed.forEach(k -> out.add(k.step()));
        return out;
    }
}
