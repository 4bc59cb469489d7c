package dev.segpack.engine.simd;

import static dev.segpack.engine.simd.VectorBits.NATIVE;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Label map to one run list per label in a single pass: vectors find where the label differs from
 * the neighbour that precedes it in column-major order (the pixel above, or the bottom of the
 * previous column), and only those pixels are looked at one by one.
 */
final class VectorLabels {

    private static final VectorSpecies<Byte> U8 = VectorBits.BYTES;
    private static final VectorSpecies<Short> U16 = VectorSpecies.of(short.class, VectorBits.SHAPE);
    private static final VectorSpecies<Integer> I32 = VectorSpecies.of(int.class, VectorBits.SHAPE);

    private VectorLabels() {
    }

    static LabelRuns encode(LabelMap labels) {
        LabelRunBuilder runs = new LabelRunBuilder(labels.type());
        if (labels.order() == Order.COLUMN_MAJOR) {
            encodeColumnMajor(labels, runs);
        } else {
            encodeRowMajor(labels, runs);
        }
        return runs.finish(labels.pixels());
    }

    private static void encodeColumnMajor(LabelMap labels, LabelRunBuilder runs) {
        long n = labels.pixels();
        if (n == 0) {
            return;
        }
        int first = labels.getFlat(0);
        if (first != 0) {
            runs.transition(0, 0, first);
        }
        long p = 1;
        for (; p + 64 <= n; p += 64) {
            long changes = changes64(labels.data(), labels.type(), p, p - 1);
            while (changes != 0) {
                long at = p + Long.numberOfTrailingZeros(changes);
                runs.transition(at, labels.getFlat(at - 1), labels.getFlat(at));
                changes &= changes - 1;
            }
        }
        for (int previous = labels.getFlat(p - 1); p < n; p++) {
            int v = labels.getFlat(p);
            if (v != previous) {
                runs.transition(p, previous, v);
                previous = v;
            }
        }
    }

    /**
     * Strips of 64 columns scanned row by row; the columns that change at each row are bucketed and
     * replayed column by column. A strip narrower than 64 (the right edge) is compared pixel by pixel.
     */
    private static void encodeRowMajor(LabelMap labels, LabelRunBuilder runs) {
        int h = labels.h();
        int w = labels.w();
        ColumnBuckets buckets = KernelScratch.get().buckets();
        for (int x0 = 0; x0 < w && h > 0; x0 += 64) {
            int width = Math.min(64, w - x0);
            long top = 0;
            for (int j = 0; j < width; j++) {
                int above = x0 + j == 0 ? 0 : labels.get(h - 1, x0 + j - 1);
                top |= labels.get(0, x0 + j) != above ? 1L << j : 0;
            }
            buckets.add(top, 0);
            for (int y = 1; y < h; y++) {
                long row = (long) y * w + x0;
                long changes = width == 64
                        ? changes64(labels.data(), labels.type(), row, row - w)
                        : changesOneByOne(labels, row, row - w, width);
                buckets.add(changes, y);
            }
            for (int j = 0; j < width; j++) {
                int x = x0 + j;
                int[] rows = buckets.rows(j);
                for (int k = 0, c = buckets.count(j); k < c; k++) {
                    int y = rows[k];
                    int from = y > 0 ? labels.get(y - 1, x) : x > 0 ? labels.get(h - 1, x - 1) : 0;
                    runs.transition((long) x * h + y, from, labels.get(y, x));
                }
            }
            buckets.clear();
        }
    }

    private static long changesOneByOne(LabelMap labels, long a, long b, int count) {
        long bits = 0;
        for (int j = 0; j < count; j++) {
            bits |= labels.getFlat(a + j) != labels.getFlat(b + j) ? 1L << j : 0;
        }
        return bits;
    }

    /** Bit j set iff element a + j differs from element b + j, for 64 elements. */
    private static long changes64(MemorySegment data, LabelType type, long a, long b) {
        long bits = 0;
        switch (type) {
            case UINT8 -> {
                for (int k = 0; k < 64; k += U8.length()) {
                    ByteVector va = ByteVector.fromMemorySegment(U8, data, a + k, NATIVE);
                    ByteVector vb = ByteVector.fromMemorySegment(U8, data, b + k, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
            case UINT16 -> {
                for (int k = 0; k < 64; k += U16.length()) {
                    ShortVector va = ShortVector.fromMemorySegment(U16, data, (a + k) * 2, NATIVE);
                    ShortVector vb = ShortVector.fromMemorySegment(U16, data, (b + k) * 2, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
            case INT32 -> {
                for (int k = 0; k < 64; k += I32.length()) {
                    IntVector va = IntVector.fromMemorySegment(I32, data, (a + k) * 4, NATIVE);
                    IntVector vb = IntVector.fromMemorySegment(I32, data, (b + k) * 4, NATIVE);
                    bits |= va.compare(VectorOperators.NE, vb).toLong() << k;
                }
            }
        }
        return bits;
    }
}
