package io.gnotify.connectors.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time byte search against a plain loop, at every alignment and range length. */
class ByteScanTest {
    @Test
    void findsTheFirstOccurrenceLikeAPlainLoop() {
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                // Few distinct values, including 0x80-0xff and neighbours of the searched byte.
                b[i] = (byte) new int[] {0, '/', '.', 'a', 0x2e, 0x30, 0x80, 0xff, 0x01}[random.nextInt(9)];
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            int to = from + random.nextInt(b.length - from + 1);
            for (byte value : new byte[] {0, '/', (byte) 0xff, 0x01}) {
                assertThat(ByteScan.indexOf(b, from, to, value)).isEqualTo(plain(b, from, to, value));
                for (byte other : new byte[] {0, '/', '.', (byte) 0x80}) {
                    assertThat(ByteScan.indexOfEither(b, from, to, value, other))
                            .isEqualTo(Math.min(plain(b, from, to, value), plain(b, from, to, other)));
                }
            }
        }
    }

    private static int plain(byte[] b, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return to;
    }
}
