package dev.segpack.poseh5;

import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.SampleType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A picture of what a pose sample holds: each instance tinted in its own colour, crowd regions in
 * magenta, unannotated regions hatched in yellow, and labelled keypoints as small white squares.
 */
public final class PosePreview {

    /** Instance colours as B, G, R: distinct, saturated, repeating after 12. */
    private static final int[][] COLOURS = {
        {75, 25, 230}, {75, 180, 60}, {25, 225, 255}, {200, 130, 0}, {48, 130, 245}, {180, 30, 145},
        {240, 240, 70}, {230, 50, 240}, {60, 245, 210}, {212, 190, 250}, {128, 128, 0}, {40, 110, 170},
    };
    private static final int[] CROWD = {255, 0, 255};
    private static final int[] UNANNOTATED = {0, 255, 255};

    private PosePreview() {
    }

    public static Image render(PoseSample s, Arena arena) {
        Image out = Image.allocate(arena, s.h(), s.w(), PixelFormat.BGR, SampleType.UINT8);
        MemorySegment px = out.data();
        MemorySegment.copy(s.bgr(), 0, px, 0, (long) s.h() * s.w() * 3);
        for (int y = 0; y < s.h(); y++) {
            for (int x = 0; x < s.w(); x++) {
                long i = (long) y * s.w() + x;
                int k = s.instanceIndex().getFlat(i);
                if (k > 0) {
                    blend(px, i, COLOURS[(k - 1) % COLOURS.length]);
                }
                if (s.crowd().data().get(ValueLayout.JAVA_BYTE, i) != 0) {
                    blend(px, i, CROWD);
                }
                if (s.unannotated().data().get(ValueLayout.JAVA_BYTE, i) != 0 && ((x + y) & 7) < 2) {
                    paint(px, i, UNANNOTATED);
                }
            }
        }
        for (int[] person : s.keypoints()) {
            for (int j = 0; j + 2 < person.length; j += 3) {
                if (person[j + 2] > 0) {
                    square(px, s.h(), s.w(), person[j], person[j + 1]);
                }
            }
        }
        return out;
    }

    private static void blend(MemorySegment px, long i, int[] colour) {
        for (int c = 0; c < 3; c++) {
            int v = Byte.toUnsignedInt(px.get(ValueLayout.JAVA_BYTE, 3 * i + c));
            px.set(ValueLayout.JAVA_BYTE, 3 * i + c, (byte) ((v + colour[c]) / 2));
        }
    }

    private static void paint(MemorySegment px, long i, int[] colour) {
        for (int c = 0; c < 3; c++) {
            px.set(ValueLayout.JAVA_BYTE, 3 * i + c, (byte) colour[c]);
        }
    }

    private static void square(MemorySegment px, int h, int w, int cx, int cy) {
        for (int y = Math.max(0, cy - 2); y <= Math.min(h - 1, cy + 2); y++) {
            for (int x = Math.max(0, cx - 2); x <= Math.min(w - 1, cx + 2); x++) {
                paint(px, (long) y * w + x, new int[] {255, 255, 255});
            }
        }
    }
}
