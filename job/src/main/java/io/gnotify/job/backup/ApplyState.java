package io.gnotify.job.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import io.gnotify.connectors.journal.Gfid;
import io.gnotify.job.manifest.FileType;
import io.gnotify.job.manifest.GfidKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Which manifest a backup copy was last brought to (its volume, seq and trailer hash), and how many steps of
 * the next one are already done ({@code doneSteps}, so an interrupted manifest resumes after its last
 * recorded step instead of repeating renames). Kept beside the copy ({@code <target>.gnotify-apply.json}, so
 * the copy itself stays identical to the volume) and replaced atomically.
 */
public record ApplyState(String volumeId, long seq, String sha256, int doneSteps, List<PendingCopies.Pending> pending) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state file of a backup directory. */
    public static Path fileOf(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".gnotify-apply.json");
    }

    /** The recorded state, or {@code null} for a copy never brought up to date. */
    public static ApplyState read(Path target) throws IOException {
        Path f = fileOf(target);
        if (!Files.exists(f)) {
            return null;
        }
        JsonNode n = JSON.readTree(Files.readString(f));
        List<PendingCopies.Pending> pending = new ArrayList<>();
        for (JsonNode p : n.path("pending")) {
            long[] g = Gfid.parse(p.path("gfid").asText());
            pending.add(new PendingCopies.Pending(new GfidKey(g[0], g[1]),
                    FileType.valueOf(p.path("ftype").asText().toUpperCase(java.util.Locale.ROOT)),
                    Base64.getDecoder().decode(p.path("path_b64").asText())));
        }
        return new ApplyState(n.path("volume_id").asText(), n.path("seq").asLong(), n.path("sha256").asText(null),
                n.path("next_done_steps").asInt(0), pending);
    }

    /** The same position with {@code steps} of the next manifest done and these copies still owed. */
    public ApplyState progress(int steps, List<PendingCopies.Pending> owed) {
        return new ApplyState(volumeId, seq, sha256, steps, owed);
    }

    public void write(Path target) throws IOException {
        Path f = fileOf(target);
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        var n = JSON.createObjectNode().put("volume_id", volumeId).put("seq", seq).put("sha256", sha256)
                .put("next_done_steps", doneSteps);
        var list = n.putArray("pending");
        for (PendingCopies.Pending p : pending) {
            list.addObject().put("gfid", p.gfid().toString()).put("ftype", p.type().label())
                    .put("path_b64", Base64.getEncoder().encodeToString(p.path()));
        }
        Files.write(tmp, (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
