package io.gnotify.connectors.crawl;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.Charset;
import java.nio.file.Path;

/**
 * The exact bytes of a file name as the kernel has them. Java decodes names with the platform's file-name
 * charset; a name that does not decode (it shows U+FFFD) is read from the path's internal bytes, which
 * needs {@code --add-opens java.base/sun.nio.fs=ALL-UNNAMED} (the launcher and conf/config.yaml set it).
 */
final class RawNames {
    private static final Charset JNU = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    private static final MethodHandle AS_BYTES = asByteArray();

    private RawNames() {}

    /** The bytes of {@code name} (a single file name), or {@code null} if they cannot be recovered exactly. */
    static byte[] of(Path name) {
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

    private static MethodHandle asByteArray() {
        try {
            Class<?> unixPath = Class.forName("sun.nio.fs.UnixPath");
            var m = unixPath.getDeclaredMethod("asByteArray");
            m.setAccessible(true);
            return MethodHandles.lookup().unreflect(m).asType(MethodType.methodType(byte[].class, Path.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
