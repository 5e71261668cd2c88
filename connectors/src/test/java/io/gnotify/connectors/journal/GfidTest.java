package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The text gfid parser against {@link UUID}, and its rejection of every non-hex byte in every place. */
class GfidTest {
    @Test
    void textGfidsParseAsUuidsDoInEitherCase() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            UUID u = new UUID(random.nextLong(), random.nextLong());
            String text = i % 2 == 0 ? u.toString() : u.toString().toUpperCase();
            long[] parsed = new long[2];
            assertThat(Gfid.parseText(bytes(text), 0, parsed)).as(text).isTrue();
            assertThat(parsed).containsExactly(u.getMostSignificantBits(), u.getLeastSignificantBits());
            assertThat(Gfid.toString(parsed[0], parsed[1])).isEqualTo(u.toString());
        }
    }

    @Test
    void everyByteThatIsNotAHexDigitIsRejectedInEveryDigitPlace() {
        byte[] good = bytes("0123abcd-ef45-6789-ABCD-ef0123456789");
        for (int place = 0; place < Gfid.TEXT_LENGTH; place++) {
            if (good[place] == '-') {
                continue;
            }
            for (int value = 0; value < 256; value++) {
                byte[] b = good.clone();
                b[place] = (byte) value;
                boolean hex = Character.digit((char) value, 16) >= 0 && value < 128;
                long[] out = {7, 7};
                assertThat(Gfid.parseText(b, 0, out)).as("byte 0x%02x at %d", value, place).isEqualTo(hex);
                assertThat(Gfid.isText(b, 0)).isEqualTo(hex);
                if (!hex) {
                    assertThat(out).containsExactly(7, 7);
                }
            }
        }
    }

    @Test
    void dashesMustBeInTheirPlacesAndTheTextMustFit() {
        byte[] good = bytes("x0123abcd-ef45-6789-abcd-ef0123456789");
        assertThat(Gfid.isText(good, 1)).isTrue();
        assertThat(Gfid.isText(good, 2)).isFalse();
        assertThat(Gfid.isText(good, -1)).isFalse();
        for (int dash : new int[] {8, 13, 18, 23}) {
            byte[] b = good.clone();
            b[1 + dash] = 'a';
            assertThat(Gfid.isText(b, 1)).as("dash %d", dash).isFalse();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
