package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decimal fields of ascii journals: the eight-bytes-at-once path (room for a long after the number) and the
 * byte-by-byte path (the number near the end of the journal) must agree on every value and every failure.
 */
class AsciiNumberTest {
    private final AsciiRecordDecoder decoder = new AsciiRecordDecoder(true);

    @Test
    void everyLengthDecodesTheSameWithAndWithoutRoomForALong() throws Exception {
        Random random = new Random(5);
        for (int i = 0; i < 100_000; i++) {
            int digits = 1 + i % 10;
            long value = digits == 10 ? random.nextLong(1_000_000_000L, 0x1_0000_0000L)
                    : random.nextLong((long) Math.pow(10, digits));
            String text = i % 3 == 0 ? "0".repeat(Math.max(0, digits - Long.toString(value).length())) + value
                    : Long.toString(value);
            for (byte[] b : layouts(text)) {
                assertThat(decoder.readNumber(b, 1, b.length)).as(text).isEqualTo(1 + text.length());
                assertThat(decoder.scratchNumber).as(text).isEqualTo(value);
            }
        }
    }

    @Test
    void malformedNumbersFailAlikeOnBothPaths() {
        String[] bad = {"", "12a", "1 2", "/9", ":1", "12345678901", "4294967296", "99999999999", "7\u00b7", "1-"};
        for (String text : bad) {
            JournalProblem.Kind kind = null;
            for (byte[] b : layouts(text)) {
                RecordDecoder.DecodeFailure f = catchThrowableOfType(RecordDecoder.DecodeFailure.class,
                        () -> decoder.readNumber(b, 1, b.length));
                assertThat(f).as("'%s' in %d bytes", text, b.length).isNotNull();
                assertThat(f.offset).isEqualTo(1);
                kind = kind == null ? f.kind : kind;
                assertThat(f.kind).as(text).isEqualTo(kind);
            }
        }
    }

    @Test
    void aNumberCutOffByTheEndIsTorn() {
        byte[] b = "x1234".getBytes(StandardCharsets.US_ASCII);
        RecordDecoder.DecodeFailure f = catchThrowableOfType(RecordDecoder.DecodeFailure.class,
                () -> decoder.readNumber(b, 1, b.length));
        assertThat(f.kind).isEqualTo(JournalProblem.Kind.TORN_TAIL);
    }

    /** The number after one byte and before a NUL: followed by plenty of bytes, and ending the array. */
    private static byte[][] layouts(String number) {
        byte[] tight = ("x" + number + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] roomy = Arrays.copyOf(tight, tight.length + 16);
        Arrays.fill(roomy, tight.length, roomy.length, (byte) '7');
        return new byte[][] {roomy, tight};
    }
}
