package dev.segpack.engine.geometry;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** A random h×w mask, row-major, nonzero bytes of random value; printed as rows of # and . when a property fails. */
record RandomMask(int h, int w, byte[] pixels) {

    /** Masks of 1..maxSide × 1..maxSide whose pixels are foreground with a density drawn from [minDensity, maxDensity]. */
    static Arbitrary<RandomMask> arbitrary(int maxSide, double minDensity, double maxDensity) {
        return Combinators.combine(Arbitraries.integers().between(1, maxSide), Arbitraries.integers().between(1, maxSide),
                Arbitraries.doubles().between(minDensity, maxDensity), Arbitraries.longs()).as((h, w, density, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    byte[] pixels = new byte[h * w];
                    for (int i = 0; i < pixels.length; i++) {
                        pixels[i] = random.nextDouble() < density ? (byte) random.nextInt(1, 256) : 0;
                    }
                    return new RandomMask(h, w, pixels);
                });
    }

    boolean foreground(int y, int x) {
        return y >= 0 && y < h && x >= 0 && x < w && pixels[y * w + x] != 0;
    }

    Mask mask() {
        return Mask.ofArray(pixels, h, w, Order.ROW_MAJOR);
    }

    @Override
    public String toString() {
        StringBuilder rows = new StringBuilder(h + "x" + w + "\n");
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rows.append(foreground(y, x) ? '#' : '.');
            }
            rows.append('\n');
        }
        return rows.toString();
    }
}
