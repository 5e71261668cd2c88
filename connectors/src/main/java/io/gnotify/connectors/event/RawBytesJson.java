package io.gnotify.connectors.event;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes raw file-name bytes into JSON: as a string when they are valid UTF-8, else base64 under {@code <field>_b64}. */
public final class RawBytesJson {
    private RawBytesJson() {}

    /** Writes {@code field} (or {@code field_b64}) for {@code bytes}; nothing when {@code bytes} is null. */
    public static void write(JsonGenerator g, String field, byte[] bytes) throws IOException {
        if (bytes == null) {
            return;
        }
        if (isUtf8(bytes)) {
            g.writeFieldName(field);
            g.writeUTF8String(bytes, 0, bytes.length);
        } else {
            g.writeStringField(field + "_b64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** True if the bytes are valid UTF-8 (ASCII takes the fast path). */
    public static boolean isUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return utf8(bytes) != null;
            }
        }
        return true;
    }

    /** The bytes as a String if they are valid UTF-8, else {@code null}. */
    public static String utf8(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
