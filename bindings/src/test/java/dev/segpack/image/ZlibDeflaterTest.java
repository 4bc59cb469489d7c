package dev.segpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both deflaters (libdeflate when installed, java.util.zip) give zlib streams that inflate back to the input. */
class ZlibDeflaterTest {

    @Test
    void bothDeflatersRoundTripEmptyRunsAndNoise() throws IOException {
        Random random = new Random(5);
        for (int n : new int[] {0, 1, 100, 1 << 20}) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment in = arena.allocate(Math.max(1, n)).asSlice(0, n);
                for (int i = 0; i < n; i++) { // runs of a few values, as label rows are, then noise in the last quarter
                    in.set(ValueLayout.JAVA_BYTE, i, (byte) (i < 3 * n / 4 ? i / 4096 : random.nextInt()));
                }
                for (boolean useLibdeflate : ZlibDeflater.isNative() ? new boolean[] {false, true} : new boolean[] {false}) {
                    try (ZlibDeflater deflater = new ZlibDeflater(useLibdeflate)) {
                        for (int round = 0; round < 2; round++) { // a deflater is reused
                            MemorySegment out = arena.allocate(ZlibDeflater.bound(n));
                            assertRoundTrips(in, out.asSlice(0, deflater.deflate(in, out)), arena);
                        }
                    }
                }
            }
        }
    }

    private static void assertRoundTrips(MemorySegment in, MemorySegment deflated, Arena arena) throws IOException {
        assertTrue(in.byteSize() < 1000 || deflated.byteSize() < in.byteSize() / 3, deflated.byteSize() + " bytes");
        MemorySegment out = arena.allocate(Math.max(1, in.byteSize())).asSlice(0, in.byteSize());
        ZlibInflater.inflateJava(deflated, out, "deflated");
        assertEquals(-1, in.mismatch(out));
    }
}
