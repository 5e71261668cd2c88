package io.gnotify.job.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

/**
 * Copies one entry (not its children) from the mounted volume into the backup: a directory's mode and
 * owner, a file's content, mode, times and owner, a symlink's target and owner; FIFOs and device nodes
 * through {@code cp -a}. Owners are copied when running as root.
 */
final class SourceCopier {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private SourceCopier() {}

    /** Copies {@code src} to {@code dst}; false if {@code src} no longer exists (a later manifest deletes it). */
    static boolean copy(Path src, Path dst) throws IOException {
        Map<String, Object> st;
        try {
            st = Files.readAttributes(src, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
        int type = (Integer) st.get("mode") & 0170000;
        Files.createDirectories(dst.getParent());
        if (type == 0040000) {
            if (Files.exists(dst, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(dst);
            }
            Files.createDirectories(dst);
        } else if (type == 0100000 || type == 0120000) {
            Files.deleteIfExists(dst);
            if (type == 0120000) {
                Files.createSymbolicLink(dst, Files.readSymbolicLink(src));
            } else {
                Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            }
        } else {
            Files.deleteIfExists(dst);
            run("cp", "-a", "--no-dereference", src.toString(), dst.toString());
            return true;
        }
        attributes(dst, st, type == 0120000);
        return true;
    }

    /** Mode, times and owner of {@code src} onto {@code dst} (a directory's children are left alone). */
    static boolean refresh(Path src, Path dst) throws IOException {
        if (!Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS) || !Files.isDirectory(dst, LinkOption.NOFOLLOW_LINKS)) {
            return copy(src, dst);
        }
        try {
            attributes(dst, Files.readAttributes(src, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS), false);
            return true;
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    private static void attributes(Path dst, Map<String, Object> st, boolean symlink) throws IOException {
        if (ROOT) {
            Files.setAttribute(dst, "unix:uid", st.get("uid"), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(dst, "unix:gid", st.get("gid"), LinkOption.NOFOLLOW_LINKS);
        }
        if (symlink) {
            return;
        }
        Files.setPosixFilePermissions(dst, permissions((Integer) st.get("mode")));
        Files.setLastModifiedTime(dst, (FileTime) st.get("lastModifiedTime"));
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }

    private static void run(String... cmd) throws IOException {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        }
    }
}
