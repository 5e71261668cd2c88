package io.gnotify.job.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which manifest a backup copy was last brought to (its volume, seq and trailer hash), and how many steps of
 * the next one are already done ({@code doneSteps}, so an interrupted manifest resumes after its last
 * recorded step instead of repeating renames). Kept beside the copy ({@code <target>.gnotify-apply.json}, so
 * the copy itself stays identical to the volume) and replaced atomically.
 */
public record ApplyState(String volumeId, long seq, String sha256, int doneSteps) {
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
        return new ApplyState(n.path("volume_id").asText(), n.path("seq").asLong(), n.path("sha256").asText(null),
                n.path("next_done_steps").asInt(0));
    }

    /** The same position with {@code steps} of the next manifest done. */
    public ApplyState withDoneSteps(int steps) {
        return new ApplyState(volumeId, seq, sha256, steps);
    }

    public void write(Path target) throws IOException {
        Path f = fileOf(target);
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        var n = JSON.createObjectNode().put("volume_id", volumeId).put("seq", seq).put("sha256", sha256)
                .put("next_done_steps", doneSteps);
        Files.write(tmp, (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
