package dev.segpack.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Both deflaters (libdeflate when installed, java.util.zip) give zlib streams that inflate back to the input, at every level. */
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
                    for (int level = 0; level <= 9; level++) {
                        try (ZlibDeflater deflater = new ZlibDeflater(level, useLibdeflate)) {
                            for (int round = 0; round < 2; round++) { // a deflater is reused
                                MemorySegment out = arena.allocate(ZlibDeflater.bound(n));
                                MemorySegment deflated = out.asSlice(0, deflater.deflate(in, out));
                                assertTrue(level == 0 || n < 1000 || deflated.byteSize() < n / 3,
                                        "level " + level + ": " + deflated.byteSize() + " bytes");
                                assertRoundTrips(in, deflated, arena);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void heapSegmentsDeflateAsNativeOnesDo() throws IOException {
        byte[] text = "a label row, a label row, a label row, then something else".repeat(50).getBytes();
        try (Arena arena = Arena.ofConfined(); ZlibDeflater deflater = new ZlibDeflater(ZlibDeflater.DEFAULT_LEVEL)) {
            MemorySegment heapIn = MemorySegment.ofArray(text);
            MemorySegment nativeOut = arena.allocate(ZlibDeflater.bound(text.length));
            MemorySegment expected = nativeOut.asSlice(0, deflater.deflate(arena.allocate(text.length).copyFrom(heapIn), nativeOut));
            MemorySegment heapOut = MemorySegment.ofArray(new byte[(int) ZlibDeflater.bound(text.length)]);
            MemorySegment actual = heapOut.asSlice(0, deflater.deflate(heapIn, heapOut));
            assertEquals(-1, expected.mismatch(actual));
            assertRoundTrips(heapIn, actual, arena);
        }
    }

    @Test
    void levelsOutsideZeroToNineAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ZlibDeflater(-1, false));
        assertThrows(IllegalArgumentException.class, () -> new ZlibDeflater(10, ZlibDeflater.isNative()));
    }

    private static void assertRoundTrips(MemorySegment in, MemorySegment deflated, Arena arena) throws IOException {
        MemorySegment out = arena.allocate(Math.max(1, in.byteSize())).asSlice(0, in.byteSize());
        ZlibInflater.inflateJava(deflated, out, "deflated");
        assertEquals(-1, in.mismatch(out));
    }
}
