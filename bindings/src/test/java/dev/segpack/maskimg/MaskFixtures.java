package dev.segpack.maskimg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.image.SampleType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Mask files and masks for mask-image tests. */
final class MaskFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private MaskFixtures() {
    }

    /** Writes a row-major 8-bit gray PNG. */
    static void writeGray(Path path, byte[] pixels, int h, int w) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image image = Image.allocate(arena, h, w, PixelFormat.GRAY, SampleType.UINT8);
            MemorySegment.copy(pixels, 0, image.data(), ValueLayout.JAVA_BYTE, 0, pixels.length);
            PngFile.write(path, image);
        }
    }

    /**
     * A random row-major mask of value 255: a few filled ellipses, some with an elliptic hole cut, and a
     * sprinkle of single pixels and thin lines, so every kind of contour turns up.
     */
    static byte[] blobs(SplittableRandom random, int h, int w) {
        byte[] m = new byte[h * w];
        int shapes = random.nextInt(1, 5);
        for (int s = 0; s < shapes; s++) {
            double cx = random.nextDouble(w), cy = random.nextDouble(h);
            double rx = random.nextDouble(1, w / 3.0), ry = random.nextDouble(1, h / 3.0);
            boolean hole = random.nextInt(4) == 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = (x - cx) / rx, dy = (y - cy) / ry;
                    double r = dx * dx + dy * dy;
                    if (r <= 1 && !(hole && r < 0.25)) {
                        m[y * w + x] = (byte) 255;
                    }
                }
            }
        }
        if (random.nextBoolean()) {
            m[random.nextInt(h) * w + random.nextInt(w)] = (byte) 255;
        }
        if (random.nextBoolean()) {
            int y = random.nextInt(h);
            for (int x = random.nextInt(w / 2); x < w && x < w / 2 + 5; x++) {
                m[y * w + x] = (byte) 255;
            }
        }
        return m;
    }

    static Rle rleOf(byte[] rowMajor, int h, int w) {
        return MaskApi.encode(Mask.ofArray(rowMajor, h, w, Order.ROW_MAJOR));
    }

    /** The mask of an annotation's segmentation: compressed RLE as is, polygons rasterised and united. */
    static Rle compressed(JsonNode segmentation) {
        return RleString.decode(segmentation.get("size").get(0).asInt(), segmentation.get("size").get(1).asInt(),
                segmentation.get("counts").asText());
    }

    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
