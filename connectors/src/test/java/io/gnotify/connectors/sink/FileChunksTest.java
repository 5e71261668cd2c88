package io.gnotify.connectors.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A window file in bounded chunks: the same bytes in the same order, whatever the writes' sizes. */
class FileChunksTest {
    @Test
    void writesOfEverySizeComeBackInOrderInChunksOfAtMostTheLimit() {
        Random random = new Random(7);
        byte[] expected = new byte[3 * FileChunks.CHUNK + 1234];
        random.nextBytes(expected);
        FileChunks out = new FileChunks();
        int at = 0;
        while (at < expected.length) {
            int n = Math.min(expected.length - at, random.nextInt(3) == 0 ? 1 : random.nextInt(2 * FileChunks.CHUNK));
            if (n == 1) {
                out.write(expected[at]);
            } else {
                out.write(expected, at, n);
            }
            at += n;
        }
        assertThat(out.size()).isEqualTo(expected.length);
        List<byte[]> chunks = out.chunks();
        assertThat(chunks).hasSize(4).allSatisfy(c -> assertThat(c.length).isBetween(1, FileChunks.CHUNK));
        assertThat(FileChunks.join(chunks)).isEqualTo(expected);
        assertThat(out.size()).isZero();
        assertThat(out.chunks()).isEmpty();
    }

    @Test
    void theDigestCoversWhatWasWrittenSoFar() throws Exception {
        FileChunks out = new FileChunks();
        byte[] head = new byte[FileChunks.CHUNK + 10];
        new Random(1).nextBytes(head);
        out.write(head);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        out.digest(d);
        out.write(new byte[] {1, 2, 3});
        assertThat(d.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(head));
        assertThat(FileChunks.join(out.chunks())).hasSize(head.length + 3);
    }

    @Test
    void anEmptyFileIsOneEmptyLineSoThatItExists() {
        List<WindowFileLine> lines = new ArrayList<>();
        FileChunks.lines(60, "v/manifests/a.paths0", new FileChunks().chunks(), lines::add);
        assertThat(lines).containsExactly(new WindowFileLine(60, "v/manifests/a.paths0", new byte[0]));
    }

    @Test
    void eachChunkIsOneLineOfTheSameFileAndWindow() {
        FileChunks out = new FileChunks();
        out.write(new byte[FileChunks.CHUNK + 1]);
        List<WindowFileLine> lines = new ArrayList<>();
        FileChunks.lines(120, "v/manifests/b.jsonl", out.chunks(), lines::add);
        assertThat(lines).extracting(WindowFileLine::file).containsOnly("v/manifests/b.jsonl");
        assertThat(lines).extracting(WindowFileLine::windowEnd).containsOnly(120L);
        assertThat(lines).extracting(l -> l.bytes().length).containsExactly(FileChunks.CHUNK, 1);
    }
}
