package dev.segpack.engine.skeleton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The generator against a literal transcription of the MT19937 reference (mt19937ar.c: init_genrand,
 * genrand_int32, in unsigned 64-bit arithmetic) and of numpy's legacy bounded draws built on it.
 */
class LegacyRandomStatePropertiesTest {

    /** mt19937ar.c as written, with unsigned longs masked to 32 bits. */
    static final class LiteralMt19937 {
        private final long[] mt = new long[624];
        private int mti;

        LiteralMt19937(long s) {
            mt[0] = s & 0xffffffffL;
            for (mti = 1; mti < 624; mti++) {
                mt[mti] = (1812433253L * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti) & 0xffffffffL;
            }
        }

        long genrandInt32() {
            long[] mag01 = {0x0L, 0x9908b0dfL};
            long y;
            if (mti >= 624) {
                int kk;
                for (kk = 0; kk < 624 - 397; kk++) {
                    y = (mt[kk] & 0x80000000L) | (mt[kk + 1] & 0x7fffffffL);
                    mt[kk] = mt[kk + 397] ^ (y >>> 1) ^ mag01[(int) (y & 0x1L)];
                }
                for (; kk < 623; kk++) {
                    y = (mt[kk] & 0x80000000L) | (mt[kk + 1] & 0x7fffffffL);
                    mt[kk] = mt[kk + (397 - 624)] ^ (y >>> 1) ^ mag01[(int) (y & 0x1L)];
                }
                y = (mt[623] & 0x80000000L) | (mt[0] & 0x7fffffffL);
                mt[623] = mt[396] ^ (y >>> 1) ^ mag01[(int) (y & 0x1L)];
                mti = 0;
            }
            y = mt[mti++];
            y ^= (y >>> 11);
            y ^= (y << 7) & 0x9d2c5680L;
            y ^= (y << 15) & 0xefc60000L;
            y ^= (y >>> 18);
            return y & 0xffffffffL;
        }

        /** numpy's legacy random_sample: 27 + 26 bits. */
        double randomSample() {
            long a = genrandInt32() >>> 5;
            long b = genrandInt32() >>> 6;
            return (a * 67108864.0 + b) / 9007199254740992.0;
        }

        /** numpy's masked rejection for [0, max]: smallest all-ones mask covering max, redraw while above. */
        long masked(long max) {
            if (max == 0) {
                return 0;
            }
            long mask = Long.highestOneBit(max) * 2 - 1;
            long v;
            do {
                v = genrandInt32() & mask;
            } while (v > max);
            return v;
        }
    }

    @Test
    void seed255GivesNumpysFirstOutputs() {
        // np.random.RandomState(255)._bit_generator.random_raw(3) with numpy 1.24
        LegacyRandomState r = new LegacyRandomState(255);
        assertArrayEquals(new long[] {1992592179L, 1460470953L, 957929695L},
                new long[] {Integer.toUnsignedLong(r.nextInt()), Integer.toUnsignedLong(r.nextInt()), Integer.toUnsignedLong(r.nextInt())});
    }

    @Property(tries = 200)
    void rawOutputsMatchTheReference(@ForAll @LongRange(min = 0, max = 0xffffffffL) long seed,
            @ForAll @IntRange(min = 1, max = 2000) int draws) {
        LegacyRandomState r = new LegacyRandomState(seed);
        LiteralMt19937 literal = new LiteralMt19937(seed);
        for (int i = 0; i < draws; i++) {
            assertEquals(literal.genrandInt32(), Integer.toUnsignedLong(r.nextInt()), "draw " + i);
        }
    }

    @Property(tries = 300)
    void boundedDrawsMatchTheReference(@ForAll @LongRange(min = 0, max = 0xffffffffL) long seed,
            @ForAll @LongRange(min = 0, max = 0xffffffffL) long max, @ForAll @IntRange(min = 1, max = 50) int draws) {
        LegacyRandomState r = new LegacyRandomState(seed);
        LiteralMt19937 literal = new LiteralMt19937(seed);
        for (int i = 0; i < draws; i++) {
            // small ranges too: the masks below 2^8 are where rejection happens most
            long bound = i % 2 == 0 ? max : max % 97;
            assertEquals(literal.masked(bound), r.boundedInclusive(bound));
            assertEquals(Double.doubleToRawLongBits(literal.randomSample()), Double.doubleToRawLongBits(r.nextDouble()));
        }
    }
}
