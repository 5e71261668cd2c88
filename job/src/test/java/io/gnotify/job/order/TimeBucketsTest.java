package io.gnotify.job.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Buckets by time: earliest first, the last bucket reused only while it is still queued. */
class TimeBucketsTest {
    @Test
    void bucketsComeOutEarliestFirstAndOnlyWhenDue() {
        TimeBuckets<List<String>> q = new TimeBuckets<>(ArrayList::new);
        q.at(20).add("b");
        q.at(10).add("a");
        q.at(20).add("c");
        q.at(30).add("d");
        assertThat(q.hasUpTo(9)).isFalse();
        assertThat(q.pollUpTo(9)).isNull();
        assertThat(q.pollUpTo(25)).containsExactly("a");
        assertThat(q.pollUpTo(25)).containsExactly("b", "c");
        assertThat(q.pollUpTo(25)).isNull();
        assertThat(q.size()).isEqualTo(1);
        assertThat(q.values()).containsExactly(List.of("d"));
    }

    @Test
    void aPolledBucketIsNotReusedForItsTime() {
        TimeBuckets<List<String>> q = new TimeBuckets<>(ArrayList::new);
        q.at(10).add("a");
        List<String> polled = q.pollUpTo(10);
        // The same time again (a key re-queued at the time just polled) gets a bucket that is in the queue.
        q.at(10).add("b");
        assertThat(polled).containsExactly("a");
        assertThat(q.pollUpTo(10)).containsExactly("b");
        assertThat(q.size()).isZero();
    }

    @Test
    void theLastBucketStaysQueuedWhileOthersArePolled() {
        TimeBuckets<List<String>> q = new TimeBuckets<>(ArrayList::new);
        q.at(5).add("x");
        q.at(10).add("a");
        assertThat(q.pollUpTo(5)).containsExactly("x");
        q.at(10).add("b");
        assertThat(q.pollUpTo(10)).containsExactly("a", "b");
    }

    /** Times interleaved (bricks at different seconds), and times that share a slot, each get their own bucket. */
    @Test
    void interleavedTimesKeepTheirOwnBuckets() {
        TimeBuckets<List<String>> q = new TimeBuckets<>(ArrayList::new);
        for (int round = 0; round < 3; round++) {
            q.at(100).add("a" + round);
            q.at(101).add("b" + round);
            q.at(108).add("c" + round); // the slot of 100
            q.at(-3).add("n" + round);
        }
        assertThat(q.pollUpTo(0)).containsExactly("n0", "n1", "n2");
        assertThat(q.pollUpTo(200)).containsExactly("a0", "a1", "a2");
        q.at(100).add("late");
        assertThat(q.pollUpTo(200)).containsExactly("late");
        assertThat(q.pollUpTo(200)).containsExactly("b0", "b1", "b2");
        assertThat(q.pollUpTo(200)).containsExactly("c0", "c1", "c2");
        assertThat(q.size()).isZero();
    }
}
