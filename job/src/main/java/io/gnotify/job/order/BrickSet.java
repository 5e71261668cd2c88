package io.gnotify.job.order;

import java.util.Arrays;

/** A small set of brick indexes (the bricks that logged one operation), kept without boxing. */
final class BrickSet {
    private int[] bricks = new int[4];
    private int size;

    void add(int brick) {
        for (int i = 0; i < size; i++) {
            if (bricks[i] == brick) {
                return;
            }
        }
        if (size == bricks.length) {
            bricks = Arrays.copyOf(bricks, size * 2);
        }
        bricks[size++] = brick;
    }

    int[] toSortedArray() {
        int[] out = Arrays.copyOf(bricks, size);
        Arrays.sort(out);
        return out;
    }
}
