package dev.segpack.eval;

import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/** Pictures drawn with java.awt (headless) written through the project's PNG writer. */
final class Raster {

    private Raster() {
    }

    /** Writes an RGB picture as an 8-bit RGB PNG. */
    static void writePng(Path path, BufferedImage picture) throws IOException {
        int h = picture.getHeight(), w = picture.getWidth();
        try (Arena arena = Arena.ofConfined()) {
            Image image = Image.allocate(arena, h, w, PixelFormat.RGB, SampleType.UINT8);
            MemorySegment data = image.data();
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                picture.getRGB(0, y, w, 1, row, 0, w);
                long at = y * image.rowBytes();
                for (int x = 0; x < w; x++) {
                    int rgb = row[x];
                    data.set(ValueLayout.JAVA_BYTE, at++, (byte) (rgb >> 16));
                    data.set(ValueLayout.JAVA_BYTE, at++, (byte) (rgb >> 8));
                    data.set(ValueLayout.JAVA_BYTE, at++, (byte) rgb);
                }
            }
            PngFile.write(path, image);
        }
    }
}
