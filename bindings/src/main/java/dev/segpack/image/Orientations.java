package dev.segpack.image;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Applies an EXIF orientation (1..8) to an interleaved image, as cv2.imread does for IMREAD_COLOR:
 * 2 mirrors left-right, 3 rotates 180°, 4 mirrors top-bottom, 5 transposes, 6 rotates 90° clockwise,
 * 7 transposes across the anti-diagonal, 8 rotates 90° counter-clockwise.
 */
final class Orientations {

    private Orientations() {
    }

    /** Orientations 5..8 swap height and width. */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5;
    }

    /**
     * Writes {@code src} (h×w, {@code pixelBytes} per pixel) re-oriented into {@code dst}, which has
     * w×h pixels for orientations 5..8 and h×w otherwise. {@code src} and {@code dst} must not overlap.
     */
    static void apply(MemorySegment src, int h, int w, int pixelBytes, int orientation, MemorySegment dst) {
        int outH = swapsAxes(orientation) ? w : h;
        int outW = swapsAxes(orientation) ? h : w;
        long srcRow = (long) w * pixelBytes;
        long outRow = (long) outW * pixelBytes;
        for (int y = 0; y < outH; y++) {
            // Each output row walks a straight line of source pixels: find its start and step.
            long start;
            long step;
            switch (orientation) {
                case 1 -> { start = y * srcRow; step = pixelBytes; }
                case 2 -> { start = y * srcRow + (long) (w - 1) * pixelBytes; step = -pixelBytes; }
                case 3 -> { start = (h - 1 - y) * srcRow + (long) (w - 1) * pixelBytes; step = -pixelBytes; }
                case 4 -> { start = (h - 1 - y) * srcRow; step = pixelBytes; }
                case 5 -> { start = (long) y * pixelBytes; step = srcRow; }
                case 6 -> { start = (h - 1) * srcRow + (long) y * pixelBytes; step = -srcRow; }
                case 7 -> { start = (h - 1) * srcRow + (long) (w - 1 - y) * pixelBytes; step = -srcRow; }
                case 8 -> { start = (long) (w - 1 - y) * pixelBytes; step = srcRow; }
                default -> throw new IllegalArgumentException("EXIF orientation " + orientation + " is not 1..8");
            }
            long out = y * outRow;
            if (step == pixelBytes) {
                MemorySegment.copy(src, start, dst, out, outRow);
            } else {
                copyStrided(src, start, step, dst, out, outW, pixelBytes);
            }
        }
    }

    private static void copyStrided(MemorySegment src, long start, long step, MemorySegment dst, long out,
                                    int count, int pixelBytes) {
        for (int x = 0; x < count; x++, start += step, out += pixelBytes) {
            for (int b = 0; b < pixelBytes; b++) {
                dst.set(ValueLayout.JAVA_BYTE, out + b, src.get(ValueLayout.JAVA_BYTE, start + b));
            }
        }
    }
}
