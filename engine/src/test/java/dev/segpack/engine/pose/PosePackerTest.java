package dev.segpack.engine.pose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.pose.PosePacker.Encoding;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.simd.MaskKernels;
import dev.segpack.engine.simd.ScalarMaskKernels;
import dev.segpack.engine.simd.VectorMaskKernels;
import dev.segpack.engine.testing.GoldenBlobs;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The packed person-pose byte against every golden row and the real COCO-MINI images. */
class PosePackerTest {

    static Stream<Arguments> golden() {
        List<JsonNode> rows = Testdata.jsonLines("golden/packed.jsonl.gz");
        return IntStream.range(0, rows.size()).mapToObj(i -> Arguments.of("packed.jsonl.gz:" + (i + 1), rows.get(i)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void golden(String row, JsonNode g) {
        int h = g.get("h").asInt(), w = g.get("w").asInt();
        List<Annotation> annotations = new ArrayList<>();
        g.get("annotations").forEach(a -> annotations.add(annotation(a, h, w)));
        byte[] expected = GoldenBlobs.zlibBase64(g.get("encoding_zlib_b64").asText());
        byte[] narrow = new byte[h * w];
        PosePacker.pack(annotations, h, w, Encoding.NARROW, MemorySegment.ofArray(narrow));
        assertArrayEquals(expected, narrow, row);

        MemorySegment wide = MemorySegment.ofArray(new byte[2 * h * w]);
        PosePacker.pack(annotations, h, w, Encoding.WIDE, wide);
        for (int i = 0; i < h * w; i++) {
            int b = expected[i] & 0xFF;
            int asWide = (b & 0x3F) | (b & 0xC0) << 8;
            assertEquals(asWide, Short.toUnsignedInt(wide.get(U16, 2L * i)), row + " wide pixel " + i);
        }
        // the kernel under PosePacker, both implementations
        int[][] instances = annotations.stream().filter(a -> !a.crowd()).map(a -> a.mask().counts()).toArray(int[][]::new);
        int[] crowd = unionRuns(annotations.stream().filter(Annotation::crowd).toList(), h, w);
        int[] unannotated = unionRuns(annotations.stream().filter(a -> !a.crowd() && a.numKeypoints() == 0).toList(), h, w);
        for (MaskKernels k : List.of(new ScalarMaskKernels(), new VectorMaskKernels())) {
            byte[] painted = new byte[h * w];
            k.paintPose(instances, crowd, unannotated, h, w, false, MemorySegment.ofArray(painted));
            assertArrayEquals(expected, painted, row + " paintPose, " + k.name());
        }
        // the recipe as the reference writes it; the dense kernels' two implementations are equal
        // on random input (KernelParityTest), so one of them checks the recipe
        assertArrayEquals(expected, denseRecipe(new VectorMaskKernels(), annotations, h, w), row + " dense recipe");
    }

    /**
     * The recipe as the reference writes it, with the dense kernels: decode, argmax, unpackbits,
     * overwrite planes 0 and 1, packbits; and the one-step pose-byte kernel.
     */
    private static byte[] denseRecipe(MaskKernels k, List<Annotation> annotations, int h, int w) {
        int n = h * w;
        try (Arena arena = Arena.ofConfined()) {
            List<Mask> instances = new ArrayList<>();
            List<Rle> crowd = new ArrayList<>(), unannotated = new ArrayList<>();
            for (Annotation a : annotations) {
                if (a.crowd()) {
                    crowd.add(a.mask());
                } else {
                    Mask m = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
                    int[] counts = a.mask().counts();
                    k.decode(counts, counts.length, m);
                    instances.add(m);
                    if (a.numKeypoints() == 0) {
                        unannotated.add(a.mask());
                    }
                }
            }
            LabelMap index = LabelMap.allocate(arena, h, w, LabelType.UINT8, Order.ROW_MAJOR);
            k.argmax(instances, index);
            Mask crowdMask = union(k, crowd, h, w, arena), unannotatedMask = union(k, unannotated, h, w, arena);
            MemorySegment planes = arena.allocate(8L * n);
            k.unpackBits(index.data(), n, 8, planes);
            for (long i = 0; i < n; i++) {
                planes.set(ValueLayout.JAVA_BYTE, 8 * i, unannotatedMask.data().get(ValueLayout.JAVA_BYTE, i));
                planes.set(ValueLayout.JAVA_BYTE, 8 * i + 1, crowdMask.data().get(ValueLayout.JAVA_BYTE, i));
            }
            byte[] packed = new byte[n];
            k.packBits(planes, n, 8, MemorySegment.ofArray(packed));
            byte[] oneStep = new byte[n];
            k.packPose(index.data(), crowdMask.data(), unannotatedMask.data(), n, MemorySegment.ofArray(oneStep));
            assertArrayEquals(packed, oneStep, "packPose kernel, " + k.name());
            return packed;
        }
    }

    private static int[] unionRuns(List<Annotation> annotations, int h, int w) {
        return annotations.isEmpty() ? new int[] {h * w}
                : MaskApi.merge(annotations.stream().map(Annotation::mask).toList(), false).counts();
    }

    private static Mask union(MaskKernels k, List<Rle> masks, int h, int w, Arena arena) {
        Mask m = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
        if (!masks.isEmpty()) {
            int[] counts = MaskApi.merge(masks, false).counts();
            k.decode(counts, counts.length, m);
        }
        return m;
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
            byImage.getOrDefault(image, List.of()).forEach(a -> annotations.add(annotation(a, h, w)));
            byte[] packed = new byte[h * w];
            PosePacker.pack(annotations, h, w, Encoding.NARROW, MemorySegment.ofArray(packed));
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
                () -> PosePacker.pack(many, h, w, Encoding.NARROW, MemorySegment.ofArray(new byte[h * w])));
        assertTrue(e.getMessage().contains("70 non-crowd instances") && e.getMessage().contains("WIDE"), e.getMessage());
        MemorySegment wide = MemorySegment.ofArray(new byte[2 * h * w]);
        PosePacker.pack(many, h, w, Encoding.WIDE, wide);
        for (int x = 0; x < w; x++) {
            assertEquals(x + 1, wide.get(U16, 2L * x), "column " + x + ": the first of the instances covering it");
        }
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedByIndex() {
        List<Annotation> bad = List.of(new Annotation(Rle.of(2, 2, new int[] {4}), false, 1),
                new Annotation(Rle.of(2, 3, new int[] {6}), true, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PosePacker.pack(bad, 2, 2, Encoding.NARROW, MemorySegment.ofArray(new byte[4])));
        assertTrue(e.getMessage().startsWith("annotation 1 "), e.getMessage());
    }

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** annToRLE: polygons rasterised one by one and merged; an RLE dict taken as it is. */
    private static Annotation annotation(JsonNode a, int h, int w) {
        JsonNode s = a.get("segmentation");
        Rle mask;
        if (s.isArray()) {
            List<Rle> parts = new ArrayList<>();
            s.forEach(p -> parts.add(MaskApi.frPoly(Testdata.doubles(p), h, w)));
            mask = MaskApi.merge(parts, false);
        } else {
            int rh = s.get("size").get(0).asInt(), rw = s.get("size").get(1).asInt();
            mask = s.get("counts").isArray() ? Rle.of(rh, rw, Testdata.ints(s.get("counts")))
                    : RleString.decode(rh, rw, s.get("counts").asText());
        }
        return new Annotation(mask, a.get("iscrowd").asInt() != 0, a.get("num_keypoints").asInt());
    }
}
