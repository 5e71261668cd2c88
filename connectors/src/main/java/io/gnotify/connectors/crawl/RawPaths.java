package io.gnotify.connectors.crawl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Path;

/**
 * File names as the kernel has them: raw bytes, which need not be valid UTF-8. Java decodes names with the
 * platform's file-name charset, so a name that does not decode (it shows U+FFFD) is read from, or built
 * into, the path's internal bytes; that needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED}, which
 * the launcher and conf/config.yaml set.
 */
public final class RawPaths {
    private static final Charset JNU = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private static final MethodHandle AS_BYTES;
    private static final MethodHandle FROM_BYTES;

    static {
        MethodHandle asBytes = null;
        MethodHandle fromBytes = null;
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            Class<?> unixFs = Class.forName("sun.nio.fs.UnixFileSystem");
            var m = unixPath.getDeclaredMethod("asByteArray");
            m.setAccessible(true);
            asBytes = MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(byte[].class, Path.class));
            var c = unixPath.getDeclaredConstructor(unixFs, byte[].class);
            c.setAccessible(true);
            fromBytes = MethodHandles.lookup().unreflectConstructor(c)
                    .asType(MethodType.methodType(Path.class, FileSystem.class, byte[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Without the add-opens only names that decode can be handled; callers report the others.
        }
        AS_BYTES = asBytes;
        FROM_BYTES = fromBytes;
    }

    private RawPaths() {}

    /** The bytes of {@code name}, or {@code null} if they cannot be recovered exactly. */
    public static byte[] bytes(Path name) {
        String s = name.toString();
        if (s.indexOf('\uFFFD') < 0) {
            return s.getBytes(JNU);
        }
        if (AS_BYTES == null) {
            return null;
        }
        try {
            return (byte[]) AS_BYTES.invoke(name);
        } catch (Throwable e) {
            return null;
        }
    }

    /** {@code base} resolved against a relative path given as raw bytes, or {@code null} if it cannot be built. */
    public static Path resolve(Path base, byte[] relative) {
        String s = new String(relative, JNU);
        if (java.util.Arrays.equals(s.getBytes(JNU), relative)) {
            return base.resolve(s);
        }
        if (FROM_BYTES == null) {
            return null;
        }
        try {
            return base.resolve((Path) FROM_BYTES.invoke(base.getFileSystem(), relative));
        } catch (Throwable e) {
            return null;
        }
    }

    /** The bytes as text for messages (invalid sequences shown as U+FFFD). */
    public static String display(byte[] path) {
        return new String(path, StandardCharsets.UTF_8);
    }
}
