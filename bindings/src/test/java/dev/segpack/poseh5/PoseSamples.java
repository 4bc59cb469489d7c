package dev.segpack.poseh5;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** Deterministic pseudo-random images and keypoints for the HDF5 tests. */
final class PoseSamples {

    private PoseSamples() {}

    /** {@code bytes} random bytes in a segment of {@code arena}, seeded by {@code seed}. */
    static MemorySegment randomBytes(Arena arena, long bytes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MemorySegment segment = arena.allocate(bytes);
        for (long i = 0; i < bytes; i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) random.nextInt(256));
        }
        return segment;
    }

    /** {@code persons} rows of COCO keypoints (x, y, v triples), seeded by {@code seed}. */
    static int[][] keypoints(int persons, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] rows = new int[persons][PoseH5Layout.COCO_KEYPOINT_VALUES];
        for (int[] row : rows) {
            for (int j = 0; j < row.length; j += 3) {
                row[j] = random.nextInt(640);
                row[j + 1] = random.nextInt(480);
                row[j + 2] = random.nextInt(3);
            }
        }
        return rows;
    }
}
