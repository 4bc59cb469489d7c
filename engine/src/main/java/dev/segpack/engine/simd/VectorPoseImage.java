package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.BYTES;
import static dev.segpack.engine.simd.VectorBits.LANES;
import static dev.segpack.engine.simd.VectorBits.NATIVE;

import java.lang.foreign.MemorySegment;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;

/**
 * The stored pose image (B, G, R, value per pixel; see {@link PoseEncoding}) with the Vector API.
 * The layouts are fixed, so every step is a few loads and fixed shuffles: each byte of a vector of
 * stored bytes comes from one lane of the colours or of the values, and back. A vector of stored
 * bytes holds {@code LANES / (4 · bytes)} pixels. Stores write whole vectors and may spill past the
 * pixels of their step; the next step (or the scalar tail) overwrites the spill.
 */
final class VectorPoseImage {

    private static final Layout NARROW = new Layout(PoseEncoding.NARROW);
    private static final Layout WIDE = new Layout(PoseEncoding.WIDE);

    private VectorPoseImage() {
    }

    /**
     * The shuffles of one encoding. Lane k of a vector of stored bytes is byte q of channel c of
     * pixel j, with j = k / (4·bytes), c = k % (4·bytes) / bytes, q = k % bytes; channel 3 is the
     * value, and only byte 0 (the low byte) of a colour channel is nonzero.
     */
    private record Layout(int pixelsPerVector, VectorShuffle<Byte> colourToStored, VectorMask<Byte> colourLanes,
            VectorShuffle<Byte> valueToStored, VectorMask<Byte> valueLanes, VectorShuffle<Byte> storedToColour,
            VectorShuffle<Byte> storedToValue, VectorShuffle<Byte> storedToHighByte, byte highIndexMask,
            int crowdShift) {

        Layout(PoseEncoding e) {
            this(LANES / (4 * e.bytes),
                    shuffle(k -> channel(k, e) < 3 ? 3 * pixel(k, e) + channel(k, e) : 0),
                    mask(k -> channel(k, e) < 3 && k % e.bytes == 0),
                    shuffle(k -> channel(k, e) == 3 ? e.bytes * pixel(k, e) + k % e.bytes : 0),
                    mask(k -> channel(k, e) == 3),
                    // outputs past the step's pixels read lane 0: spill that the next step overwrites
                    shuffle(k -> k < 3 * LANES / (4 * e.bytes) ? 4 * e.bytes * (k / 3) + e.bytes * (k % 3) : 0),
                    shuffle(k -> k < LANES / 4 ? 4 * e.bytes * (k / e.bytes) + 3 * e.bytes + k % e.bytes : 0),
                    shuffle(k -> k < LANES / (4 * e.bytes) ? 4 * e.bytes * k + 4 * e.bytes - 1 : 0),
                    (byte) (e.indexMask >>> 8 * (e.bytes - 1)),
                    e.indexBits - 8 * (e.bytes - 1));
        }

        private static int pixel(int lane, PoseEncoding e) {
            return lane / (4 * e.bytes);
        }

        private static int channel(int lane, PoseEncoding e) {
            return lane % (4 * e.bytes) / e.bytes;
        }

        private static VectorShuffle<Byte> shuffle(IntUnaryOperator source) {
            return VectorShuffle.fromOp(BYTES, source);
        }

        private static VectorMask<Byte> mask(IntPredicate lane) {
            boolean[] set = new boolean[LANES];
            for (int k = 0; k < LANES; k++) {
                set[k] = lane.test(k);
            }
            return VectorMask.fromArray(BYTES, set, 0);
        }
    }

    static void interleave(MemorySegment bgr, MemorySegment pose, long pixels, PoseEncoding encoding,
            MemorySegment stored) {
        Layout layout = encoding == PoseEncoding.NARROW ? NARROW : WIDE;
        int bytes = encoding.bytes;
        long i = 0;
        // whole vectors of values must fit: the pose image is the shortest of the three
        for (; i + LANES / bytes <= pixels; i += layout.pixelsPerVector()) {
            ByteVector colours = ByteVector.fromMemorySegment(BYTES, bgr, 3 * i, NATIVE)
                    .rearrange(layout.colourToStored(), layout.colourLanes());
            ByteVector values = ByteVector.fromMemorySegment(BYTES, pose, bytes * i, NATIVE)
                    .rearrange(layout.valueToStored());
            colours.blend(values, layout.valueLanes()).intoMemorySegment(stored, 4 * bytes * i, NATIVE);
        }
        ScalarMaskKernels.interleavePosePixels(bgr.asSlice(3 * i), pose.asSlice(bytes * i), pixels - i, encoding,
                stored.asSlice(4 * bytes * i));
    }

    static void unpack(MemorySegment stored, long pixels, PoseEncoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        Layout layout = encoding == PoseEncoding.NARROW ? NARROW : WIDE;
        int bytes = encoding.bytes;
        // the index bytes: all bits of the low ones, the index bits of the high one
        ByteVector indexBits = ByteVector.broadcast(BYTES, (byte) -1)
                .blend(layout.highIndexMask(), VectorMask.fromLong(BYTES, highBytes(bytes)));
        long i = 0;
        // whole vectors of flags must fit: the crowd and unannotated masks are the shortest outputs
        for (; i + LANES <= pixels; i += layout.pixelsPerVector()) {
            ByteVector v = ByteVector.fromMemorySegment(BYTES, stored, 4 * bytes * i, NATIVE);
            v.rearrange(layout.storedToColour()).intoMemorySegment(bgr, 3 * i, NATIVE);
            v.rearrange(layout.storedToValue()).and(indexBits).intoMemorySegment(index, bytes * i, NATIVE);
            ByteVector high = v.rearrange(layout.storedToHighByte());
            high.lanewise(VectorOperators.LSHR, layout.crowdShift()).and((byte) 1)
                    .intoMemorySegment(crowd, i, NATIVE);
            high.lanewise(VectorOperators.LSHR, layout.crowdShift() + 1).and((byte) 1)
                    .intoMemorySegment(unannotated, i, NATIVE);
        }
        ScalarMaskKernels.unpackPosePixels(stored.asSlice(4 * bytes * i), pixels - i, encoding,
                bgr.asSlice(3 * i), index.asSlice(bytes * i), crowd.asSlice(i), unannotated.asSlice(i));
    }

    /** Bit k set for every lane k that is the high byte of a value in a vector of index bytes. */
    private static long highBytes(int bytes) {
        long bits = 0;
        for (int k = bytes - 1; k < LANES; k += bytes) {
            bits |= 1L << k;
        }
        return bits;
    }
}
