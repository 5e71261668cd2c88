package io.gnotify.job.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which manifest a backup copy was last brought to: its volume, seq and trailer hash. Kept beside the copy
 * ({@code <target>.gnotify-apply.json}, so the copy itself stays identical to the volume) and replaced
 * atomically after each manifest.
 */
public record ApplyState(String volumeId, long seq, String sha256) {
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
        return new ApplyState(n.path("volume_id").asText(), n.path("seq").asLong(), n.path("sha256").asText());
    }

    public void write(Path target) throws IOException {
        Path f = fileOf(target);
        Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
        var n = JSON.createObjectNode().put("volume_id", volumeId).put("seq", seq).put("sha256", sha256);
        Files.write(tmp, (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
