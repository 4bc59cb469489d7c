package dev.segpack.engine.pose;

import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.Kernels;
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
 * <p>Encodings: {@link Encoding#NARROW} is that byte (uint8; index in bits 0–5, crowd bit 6,
 * unannotated bit 7), so it holds at most 63 non-crowd instances and more are refused.
 * {@link Encoding#WIDE} is segpack's extension for crowded images: uint16 little-endian, index in
 * bits 0–13 (at most 16383 instances), crowd bit 14, unannotated bit 15.
 *
 * <p>Works on runs: no instance mask is decoded to pixels; the output is written row by row.
 */
public final class PosePacker {

    /** One annotation: its mask (as COCO's annToRLE gives it), iscrowd, and num_keypoints. */
    public record Annotation(Rle mask, boolean crowd, int numKeypoints) {
    }

    /** Output pixel type; see the class comment. */
    public enum Encoding {
        NARROW(1, 63), WIDE(2, (1 << 14) - 1);

        /** Bytes per pixel. */
        public final int bytes;
        /** Most non-crowd instances the index can number. */
        public final int maxInstances;

        Encoding(int bytes, int maxInstances) {
            this.bytes = bytes;
            this.maxInstances = maxInstances;
        }
    }

    private PosePacker() {
    }

    /**
     * Writes the packed pose image of {@code annotations} over an h×w image into {@code out},
     * row-major ({@code h * w * encoding.bytes} bytes).
     *
     * @throws IllegalArgumentException if a mask is not h×w, {@code out} is too small, or there are
     *     more non-crowd instances than the encoding can index
     */
    public static void pack(List<Annotation> annotations, int h, int w, Encoding encoding, MemorySegment out) {
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
        if (instances.size() > encoding.maxInstances) {
            throw new IllegalArgumentException(instances.size() + " non-crowd instances exceed the "
                    + encoding.maxInstances + " that the " + encoding + " pose encoding can index"
                    + (encoding == Encoding.NARROW ? "; use Encoding.WIDE (uint16)" : ""));
        }
        long bytes = (long) h * w * encoding.bytes;
        if (out.byteSize() < bytes) {
            throw new IllegalArgumentException("the " + h + "x" + w + " " + encoding + " pose image needs " + bytes
                    + " bytes but its segment has " + out.byteSize());
        }
        Kernels.provider().paintPose(instances.toArray(int[][]::new), union(crowd, h, w), union(unannotated, h, w),
                h, w, encoding == Encoding.WIDE, out);
    }

    /** The runs of the union of {@code masks}, computed on runs; no mask at all is the empty mask. */
    private static int[] union(List<Rle> masks, int h, int w) {
        return masks.isEmpty() ? new int[] {(int) ((long) h * w)} : MaskApi.merge(masks, false).counts();
    }
}
