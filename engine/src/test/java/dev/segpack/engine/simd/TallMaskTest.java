package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Masks taller than the vector kernels' strip buffers: the vector provider hands them to the
 * scalar loops, and the answer must not change.
 */
class TallMaskTest {

    @Test
    void rowMajorDecodeOfAMaskTallerThanTheStrips() {
        int h = VectorRuns.MAX_STRIP_ROWS + 5, w = 3;
        byte[] px = TestMasks.random(h, w, TestMasks.Kind.RECTANGLES, 11);
        int[] counts = TestMasks.runs(px, h, w);
        byte[] binary = TestMasks.pixels(counts, h, w);
        for (MaskKernels k : TestMasks.both()) {
            Mask out = Mask.ofArray(new byte[h * w], h, w, Order.ROW_MAJOR);
            k.decode(counts, counts.length, out);
            assertArrayEquals(binary, out.toArray(Order.ROW_MAJOR), k.name());
            RunLengths runs = new RunLengths(4);
            k.encode(out, runs);
            assertArrayEquals(counts, runs.toArray(), k.name());
        }
    }

    @Test
    void poseImageTallerThanTheStripMarks() {
        int h = VectorPose.MAX_MARKS / 3 + 1, w = 2;
        int[] first = {5, 100, h - 105, 10, h - 10};   // column 0 rows 5..104, column 1 rows 0..9
        int[] second = {0, 50, 2 * h - 50};          // column 0 rows 0..49
        int[] crowd = {2 * h - 1, 1};                 // the last pixel
        int[] none = {2 * h};
        for (MaskKernels k : TestMasks.both()) {
            byte[] out = new byte[2 * h];
            k.paintPose(new int[][] {first, second}, crowd, none, h, w, PoseEncoding.NARROW, MemorySegment.ofArray(out));
            MemorySegment image = MemorySegment.ofArray(out);
            assertEquals(2, image.get(ValueLayout.JAVA_BYTE, 0L), k.name() + " (0,0): only the second");
            assertEquals(1, image.get(ValueLayout.JAVA_BYTE, 2L * 20), k.name() + " (20,0): the first wins");
            assertEquals(1, image.get(ValueLayout.JAVA_BYTE, 1L), k.name() + " (0,1)");
            assertEquals(0, image.get(ValueLayout.JAVA_BYTE, 2L * 200), k.name() + " (200,0)");
            assertEquals(0x40, image.get(ValueLayout.JAVA_BYTE, 2L * h - 1), k.name() + " last pixel: crowd");
        }
    }
}
