package io.gnotify.connectors.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gnotify.connectors.journal.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Volume layouts from the fixtures' real {@code gluster volume info --xml} output, and brick re-basing. */
class VolumeInfoTest {

    @Test
    void distributedReplicateHasTwoReplicaSets() throws Exception {
        VolumeInfo v = VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), null);
        assertThat(v.name()).isEqualTo("dr22");
        assertThat(v.id()).isEqualTo("38548d1f-e485-4300-8813-7c1e7f83bbcc");
        assertThat(v.type()).isEqualTo("Distributed-Replicate");
        assertThat(v.bricks()).extracting(Brick::id)
                .containsExactly("vm:/srv/gl/dr22/b1", "vm:/srv/gl/dr22/b2", "vm:/srv/gl/dr22/b3", "vm:/srv/gl/dr22/b4");
        assertThat(v.bricks()).extracting(Brick::subvolume).containsExactly(0, 0, 1, 1);
        assertThat(v.subvolumeCount()).isEqualTo(2);
        assertThat(v.subvolume(1)).extracting(Brick::path).containsExactly("/srv/gl/dr22/b3", "/srv/gl/dr22/b4");
        assertThat(v.bricks()).noneMatch(Brick::arbiter);
    }

    @Test
    void everyFixtureLayout() throws Exception {
        assertThat(VolumeInfo.parse(Fixtures.fixture("single-tiny").resolve("volume-info.xml"), null).subvolumeCount()).isEqualTo(1);
        assertThat(VolumeInfo.parse(Fixtures.fixture("dist2-ascii").resolve("volume-info.xml"), null).bricks())
                .extracting(Brick::subvolume).containsExactly(0, 1);
        assertThat(VolumeInfo.parse(Fixtures.fixture("rep2-ascii").resolve("volume-info.xml"), null).bricks())
                .extracting(Brick::subvolume).containsExactly(0, 0);
        assertThat(VolumeInfo.parse(Fixtures.fixture("dist2-binary").resolve("volume-info.xml"), "dist2bin").name())
                .isEqualTo("dist2bin");
    }

    @Test
    void arbiterBricksAreMarked() throws Exception {
        String xml = Files.readString(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"))
                .replace("vm:/srv/gl/dr22/b2</name><hostUuid>f66d13fa-8104-448b-8a61-6db6b675bdd4</hostUuid><isArbiter>0",
                        "vm:/srv/gl/dr22/b2</name><hostUuid>f66d13fa-8104-448b-8a61-6db6b675bdd4</hostUuid><isArbiter>1");
        VolumeInfo v = VolumeInfo.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "x", null);
        assertThat(v.bricks()).extracting(Brick::arbiter).containsExactly(false, true, false, false);
    }

    @Test
    void badInputNamesTheFile() {
        assertThatThrownBy(() -> VolumeInfo.parse(new ByteArrayInputStream("<cliOutput><opRet>-1</opRet><opErrstr>Volume x does not exist</opErrstr></cliOutput>".getBytes()), "info.xml", null))
                .hasMessageContaining("info.xml").hasMessageContaining("does not exist");
        assertThatThrownBy(() -> VolumeInfo.parse(new ByteArrayInputStream("not xml".getBytes()), "info.xml", null))
                .hasMessageContaining("info.xml");
        assertThatThrownBy(() -> VolumeInfo.parse(Fixtures.fixture("dr22-ascii").resolve("volume-info.xml"), "other"))
                .hasMessageContaining("no volume 'other'").hasMessageContaining("dr22");
    }

    @Test
    void brickMapRebasesByLongestPrefix() {
        Brick b1 = new Brick(0, 0, "vm", "/srv/gl/dr22/b1", false);
        Brick other = new Brick(1, 0, "vm", "/data/b2", false);
        BrickMap map = BrickMap.of(List.of("/srv/gl=/mnt/x", "/srv/gl/dr22/=fixtures/dr22/bricks"));
        assertThat(map.locate(b1)).isEqualTo(Paths.get("fixtures/dr22/bricks/b1"));
        assertThat(map.locate(other)).isEqualTo(Paths.get("/data/b2"));
        assertThat(BrickMap.of(List.of("/srv/gl=/mnt/x")).locate(b1)).isEqualTo(Paths.get("/mnt/x/dr22/b1"));
        assertThat(BrickMap.of(List.of("/srv/g=/mnt/x")).locate(b1)).isEqualTo(Paths.get("/srv/gl/dr22/b1"));
        assertThatThrownBy(() -> BrickMap.of(List.of("nothing"))).hasMessageContaining("FROM=TO");
    }
}
