package dev.segpack.engine.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The vector size of the Vector API kernels. The build runs the kernel tests again with
 * -Dsegpack.simd.bits=128 and =256 (engine/pom.xml); this test shows those runs got that size.
 */
class VectorWidthTest {

    @Test
    void theKernelsUseTheRequestedSizeCappedAtThePreferredOne() {
        int preferred = VectorMaskKernels.preferredBitSize();
        assumeTrue(preferred >= 128, "this CPU has no 128-bit vectors");
        String requested = System.getProperty(Kernels.BITS_PROPERTY);
        int expected = requested == null ? preferred : Math.min(Integer.parseInt(requested), preferred);
        assertEquals(expected, VectorMaskKernels.bitSize());
        assertEquals(expected, 8 * VectorBits.LANES);
    }

    @Test
    void onlyTheSizesOfTheVectorShapesAreAccepted() {
        int preferred = VectorMaskKernels.preferredBitSize();
        assumeTrue(preferred >= 128, "this CPU has no 128-bit vectors");
        assertEquals(128, VectorBits.shape("128").vectorBitSize());
        assertEquals(Math.min(512, preferred), VectorBits.shape("512").vectorBitSize());
        assertEquals(preferred, VectorBits.shape(null).vectorBitSize());
        for (String bits : new String[] {"64", "1024", "wide"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorBits.shape(bits));
            assertEquals("-Dsegpack.simd.bits=" + bits + " is not 128, 256 or 512", e.getMessage());
        }
    }
}
