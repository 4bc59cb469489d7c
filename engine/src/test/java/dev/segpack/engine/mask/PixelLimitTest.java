package dev.segpack.engine.mask;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PixelLimitTest {

    @AfterEach
    void restoreTheDefault() {
        System.clearProperty(PixelLimit.PROPERTY);
    }

    @Test
    void theDefaultIsTwoToThe31PixelsPerImage() {
        assertEquals(1L << 31, PixelLimit.max());
        assertEquals(Optional.empty(), PixelLimit.excess(1L << 15, 1L << 16));
        String excess = PixelLimit.excess(65_500, 65_500).orElseThrow();
        assertTrue(excess.startsWith("65500x65500 (h x w) = 4290250000 pixels, more than the limit of 2147483648"),
                excess);
        assertTrue(PixelLimit.excess(1L << 40, 1L << 40).orElseThrow().contains("more than 2^63 pixels"));
    }

    @Test
    void setChangesTheLimitAndAllocationsObeyIt() {
        PixelLimit.set(100);
        assertEquals(100, PixelLimit.max());
        assertEquals(Optional.empty(), PixelLimit.excess(10, 10));
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(100, Mask.allocate(arena, 10, 10, Order.ROW_MAJOR).pixels());
            IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                    () -> Mask.allocate(arena, 10, 11, Order.ROW_MAJOR));
            assertTrue(mask.getMessage().contains("110 pixels, more than the limit of 100"), mask.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> LabelMap.allocate(arena, 11, 10, LabelMap.LabelType.INT32, Order.ROW_MAJOR));
        }
        assertThrows(IllegalArgumentException.class, () -> PixelLimit.set(0));
    }

    @Test
    void aMalformedPropertyIsRefusedNamingIt() {
        System.setProperty(PixelLimit.PROPERTY, "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PixelLimit::max);
        assertTrue(e.getMessage().contains("segpack.max.pixels is 'lots'"), e.getMessage());
    }
}
