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

    @Test
    void groupsOfEightMatchAByteByByteReferenceForMixedBytes() {
        // Near-misses of every range the group check tests ('/', ':', '@', 'G', '`', 'g', 0x7f, 0x80, 0xc0) mixed
        // with digits in random places, since a carry bug would show only with several unusual bytes in a group.
        byte[] alphabet = bytes("0123456789abcdefABCDEF/:@G`g\u0000\u007f\u0080\u00b0\u00c0\u00e6\u00ff");
        Random random = new Random(11);
        for (int i = 0; i < 200_000; i++) {
            long x = 0;
            long expected = 0;
            for (int k = 0; k < 8; k++) {
                int c = alphabet[random.nextInt(i % 2 == 0 ? 22 : alphabet.length)] & 0xff;
                x = x << 8 | c;
                int d = c < 128 ? Character.digit((char) c, 16) : -1;
                expected = expected < 0 || d < 0 ? -1 : expected << 4 | d;
            }
            assertThat(Gfid.hex8(x)).as("%016x", x).isEqualTo(expected);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
