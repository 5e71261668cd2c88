package io.gnotify.connectors.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gnotify.connectors.source.StartPosition;
import io.gnotify.connectors.source.split.BrickSplit;
import io.gnotify.connectors.volume.Brick;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Brick placement: readers on the brick's host first, balanced, deterministic. */
class BrickAssignerTest {
    static List<BrickSplit> bricks(String... hosts) {
        List<BrickSplit> out = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            Brick b = new Brick(i, i / 2, hosts[i], "/bricks/b" + (i + 1), false);
            out.add(new BrickSplit(b, b.path(), StartPosition.earliest(), false, null));
        }
        return out;
    }

    static Map<String, Integer> placement(Map<Integer, List<BrickSplit>> plan) {
        Map<String, Integer> out = new HashMap<>();
        plan.forEach((t, splits) -> splits.forEach(s -> out.put(s.splitId(), t)));
        return out;
    }

    @Test
    void bricksGoToReadersOnTheirHost() {
        Map<Integer, String> readers = Map.of(0, "gluster2.lab", 1, "gluster1.lab", 2, "gluster3.lab");
        Map<String, Integer> p = placement(BrickAssigner.assign(bricks("gluster1", "gluster2", "gluster1", "gluster2"),
                readers, new HashMap<>()));
        assertThat(p).containsEntry("gluster1:/bricks/b1", 1).containsEntry("gluster1:/bricks/b3", 1)
                .containsEntry("gluster2:/bricks/b2", 0).containsEntry("gluster2:/bricks/b4", 0);
    }

    @Test
    void sharedStorageIsBalancedAcrossAllReaders() {
        Map<Integer, String> readers = Map.of(0, "tm-a", 1, "tm-b");
        Map<Integer, List<BrickSplit>> plan = BrickAssigner.assign(bricks("vm", "vm", "vm", "vm", "vm"), readers, new HashMap<>());
        assertThat(plan.get(0)).hasSize(3);
        assertThat(plan.get(1)).hasSize(2);
        assertThat(placement(plan)).isEqualTo(placement(BrickAssigner.assign(bricks("vm", "vm", "vm", "vm", "vm"),
                readers, new HashMap<>())));
    }

    @Test
    void returnedSplitsGoToTheLeastLoadedReader() {
        Map<Integer, Integer> load = new HashMap<>(Map.of(0, 2, 1, 0));
        Map<Integer, List<BrickSplit>> plan = BrickAssigner.assign(bricks("x"), Map.of(0, "a", 1, "b"), load);
        assertThat(plan).containsOnlyKeys(1);
        assertThat(load).containsEntry(1, 1);
    }

    @Test
    void hostNamesMatchWithOrWithoutDomain() {
        assertThat(BrickAssigner.sameHost("node1", "NODE1.example.org")).isTrue();
        assertThat(BrickAssigner.sameHost("node1", "node10")).isFalse();
        assertThat(BrickAssigner.sameHost(null, "node1")).isFalse();
    }
}
