package dev.segpack.engine.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.engine.testing.GoldenBlobs;
import dev.segpack.engine.testing.JsonLinesSource;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The packed person-pose byte against every golden row and the real COCO-MINI images. */
class PosePackerTest {

    @ParameterizedTest(name = "{0}")
    @JsonLinesSource("golden/packed.jsonl.gz")
    void golden(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        List<Annotation> annotations = PoseRows.annotations(g);
        byte[] expected = GoldenBlobs.zlibBase64(g.get("encoding_zlib_b64").asText());
        byte[] narrow = new byte[h * w];
        PosePacker.pack(annotations, h, w, PoseEncoding.NARROW, MemorySegment.ofArray(narrow));
        assertArrayEquals(expected, narrow, row);

        MemorySegment wide = MemorySegment.ofArray(new byte[2 * h * w]);
        PosePacker.pack(annotations, h, w, PoseEncoding.WIDE, wide);
        for (int i = 0; i < h * w; i++) {
            int b = expected[i] & 0xFF;
            int asWide = (b & 0x3F) | (b & 0xC0) << 8;
            assertEquals(asWide, Short.toUnsignedInt(wide.get(U16, 2L * i)), row + " wide pixel " + i);
        }
        // the recipe as the reference writes it (the kernel under PosePacker has its own golden test
        // for both implementations: KernelGoldenTest)
        assertArrayEquals(expected, denseRecipe(annotations, h, w), row + " dense recipe");
    }

    /**
     * The recipe as the reference writes it, one pixel at a time: the instance masks decoded,
     * numpy's argmax over [zeros] + masks, unpackbits of the index (most significant bit first),
     * planes 0 and 1 overwritten with the unannotated and the crowd mask, packbits.
     */
    private static byte[] denseRecipe(List<Annotation> annotations, int h, int w) {
        List<byte[]> instances = new ArrayList<>();
        byte[] crowd = new byte[h * w], unannotated = new byte[h * w];
        for (Annotation a : annotations) {
            byte[] mask = rowMajor(a.mask());
            if (a.crowd()) {
                or(crowd, mask);
            } else {
                instances.add(mask);
                if (a.numKeypoints() == 0) {
                    or(unannotated, mask);
                }
            }
        }
        byte[] packed = new byte[h * w];
        for (int i = 0; i < h * w; i++) {
            int best = 0, index = 0;
            for (int k = 0; k < instances.size(); k++) {
                if ((instances.get(k)[i] & 0xFF) > best) {
                    best = instances.get(k)[i] & 0xFF;
                    index = k + 1;
                }
            }
            int[] bits = new int[8];
            for (int b = 0; b < 8; b++) {
                bits[b] = index >>> (7 - b) & 1;
            }
            bits[0] = unannotated[i];
            bits[1] = crowd[i];
            int value = 0;
            for (int b = 0; b < 8; b++) {
                value = value << 1 | bits[b];
            }
            packed[i] = (byte) value;
        }
        return packed;
    }

    /** The 0/1 row-major pixels of a mask, from its column-major runs. */
    private static byte[] rowMajor(Rle rle) {
        int h = rle.h(), w = rle.w();
        byte[] out = new byte[h * w];
        int[] counts = rle.counts();
        for (int i = 0, p = 0; i < counts.length; i++) {
            for (int k = 0; k < counts[i]; k++, p++) {
                out[(p % h) * w + p / h] = (byte) (i & 1);
            }
        }
        return out;
    }

    private static void or(byte[] into, byte[] mask) {
        for (int i = 0; i < into.length; i++) {
            into[i] |= mask[i];
        }
    }

    /** COCO-MINI: every image with person annotations, against the reference's packed encoding. */
    @Test
    void realImages() throws IOException {
        JsonNode coco = new ObjectMapper().readTree(Testdata.path("coco-mini/annotations/person_keypoints_val2017.json").toFile());
        Map<Long, List<JsonNode>> byImage = new HashMap<>();
        coco.get("annotations").forEach(a -> byImage.computeIfAbsent(a.get("image_id").asLong(), id -> new ArrayList<>()).add(a));
        List<JsonNode> reference = Testdata.jsonLines("coco-mini/reference/person_keypoints_val2017_packed.jsonl.gz");
        for (JsonNode r : reference) {
            int h = r.get("h").asInt(), w = r.get("w").asInt();
            long image = r.get("image_id").asLong();
            List<Annotation> annotations = new ArrayList<>();
            byImage.getOrDefault(image, List.of()).forEach(a -> annotations.add(PoseRows.annotation(a, h, w)));
            byte[] packed = new byte[h * w];
            PosePacker.pack(annotations, h, w, PoseEncoding.NARROW, MemorySegment.ofArray(packed));
            assertArrayEquals(GoldenBlobs.zlibBase64(r.get("encoding_zlib_b64").asText()), packed, "image " + image);
        }
        assertTrue(reference.size() > 30, "reference rows: " + reference.size());
    }

    @Test
    void narrowRefusesMoreThan63InstancesAndWideNumbersThem() {
        int h = 3, w = 40;
        List<Annotation> many = new ArrayList<>();
        for (int x = 0; x < 70; x++) {
            many.add(new Annotation(MaskApi.frBbox(new dev.segpack.engine.rle.Bbox(x % w, 0, 1, 3), h, w), false, 1));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosePacker.pack(many, h, w, PoseEncoding.NARROW, MemorySegment.ofArray(new byte[h * w])));
        assertTrue(e.getMessage().contains("70 non-crowd instances") && e.getMessage().contains("63 that a uint8"),
                e.getMessage());
        MemorySegment wide = MemorySegment.ofArray(new byte[2 * h * w]);
        PosePacker.pack(many, h, w, PoseEncoding.WIDE, wide);
        for (int x = 0; x < w; x++) {
            assertEquals(x + 1, wide.get(U16, 2L * x), "column " + x + ": the first of the instances covering it");
        }
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedByIndex() {
        List<Annotation> bad = List.of(new Annotation(Rle.of(2, 2, new int[] {4}), false, 1),
                new Annotation(Rle.of(2, 3, new int[] {6}), true, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosePacker.pack(bad, 2, 2, PoseEncoding.NARROW, MemorySegment.ofArray(new byte[4])));
        assertTrue(e.getMessage().startsWith("annotation 1 "), e.getMessage());
    }

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
}
