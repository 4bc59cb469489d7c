package dev.segpack.engine.pose;

import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-pixel byte that person-pose datasets store next to the image: which instance covers the
 * pixel, whether a crowd region does, and whether an instance without keypoints does. The recipe it
 * reproduces bit for bit: the instance masks of the non-crowd annotations, in order; the index map
 * = argmax over [zeros] + instance masks (the first instance covering a pixel wins, 0 where none
 * does); the index unpacked to 8 bit planes, plane 0 (most significant) overwritten by the
 * unannotated mask (union of the instance masks with {@code num_keypoints == 0}; crowd annotations
 * never count as unannotated) and plane 1 by the crowd mask (union of the crowd annotations' masks);
 * packed again.
 *
 * <p>The bit layouts are {@link PoseEncoding}'s: {@link PoseEncoding#NARROW} is that byte, so more
 * non-crowd instances than it can index are refused; {@link PoseEncoding#WIDE} is segpack's uint16
 * extension for crowded images.
 *
 * <p>Works on runs: no instance mask is decoded to pixels; the output is written row by row.
 */
public final class PosePacker {

    /** One annotation: its mask (as COCO's annToRLE gives it), iscrowd, and num_keypoints. */
    public record Annotation(Rle mask, boolean crowd, int numKeypoints) {
    }

    private PosePacker() {
    }

    /**
     * Writes the packed pose image of {@code annotations} over an h×w image into {@code out},
     * row-major ({@code encoding.imageBytes(h, w)} bytes).
     *
     * @throws IllegalArgumentException if a mask is not h×w, {@code out} is too small, or there are
     *     more non-crowd instances than the encoding can index
     */
    public static void pack(List<Annotation> annotations, int h, int w, PoseEncoding encoding, MemorySegment out) {
        Layers layers = Layers.of(annotations, h, w);
        if (layers.instances().length > encoding.maxInstances) {
            throw new IllegalArgumentException(layers.instances().length + " non-crowd instances exceed the "
                    + encoding.maxInstances + " that a " + encoding.valueType() + " pose value can index");
        }
        long bytes = encoding.imageBytes(h, w);
        if (out.byteSize() < bytes) {
            throw new IllegalArgumentException("the " + h + "x" + w + " " + encoding.valueType() + " pose image needs "
                    + bytes + " bytes but its segment has " + out.byteSize());
        }
        Kernels.paintPose(layers.instances(), layers.crowd(), layers.unannotated(), h, w, encoding, out);
    }

    /**
     * The runs {@link Kernels#paintPose} paints from: each non-crowd instance's mask, in order, the
     * union of the crowd masks and the union of the instance masks without keypoints.
     */
    public record Layers(int[][] instances, int[] crowd, int[] unannotated) {

        /** @throws IllegalArgumentException if a mask is not h×w */
        public static Layers of(List<Annotation> annotations, int h, int w) {
            List<int[]> instances = new ArrayList<>();
            List<Rle> crowd = new ArrayList<>();
            List<Rle> unannotated = new ArrayList<>();
            for (int i = 0; i < annotations.size(); i++) {
                Annotation a = annotations.get(i);
                if (a.mask().h() != h || a.mask().w() != w) {
                    throw new IllegalArgumentException("annotation " + i + " has a " + a.mask().h() + "x" + a.mask().w()
                            + " mask on a " + h + "x" + w + " image");
                }
                if (a.crowd()) {
                    crowd.add(a.mask());
                } else {
                    instances.add(a.mask().counts());
                    if (a.numKeypoints() == 0) {
                        unannotated.add(a.mask());
                    }
                }
            }
            return new Layers(instances.toArray(int[][]::new), union(crowd, h, w), union(unannotated, h, w));
        }
    }

    /** The runs of the union of {@code masks}, computed on runs; no mask at all is the empty mask. */
    private static int[] union(List<Rle> masks, int h, int w) {
        return masks.isEmpty() ? new int[] {(int) ((long) h * w)} : MaskApi.merge(masks, false).counts();
    }
}
