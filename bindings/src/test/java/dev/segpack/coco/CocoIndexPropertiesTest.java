package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * On random COCO-like documents written by Jackson (any key order, unknown keys holding any JSON,
 * escaped and non-ASCII strings, numbers in every notation, compact or indented), read whole or in
 * chunks of a few bytes, the index holds what a Jackson tree read of the same file gives.
 */
class CocoIndexPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper ASCII_JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        ASCII_JSON.getFactory().configure(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature(), true);
    }

    @Property(tries = 150)
    void indexEqualsJacksonTreeRead(@ForAll long seed) throws IOException {
        Random r = new Random(seed);
        Path file = Files.createTempFile("coco-property", ".json");
        try {
            ObjectMapper writer = r.nextBoolean() ? JSON : ASCII_JSON;
            ObjectNode doc = document(r);
            if (r.nextBoolean()) {
                writer.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), doc);
            } else {
                writer.writeValue(file.toFile(), doc);
            }
            JsonNode tree = JSON.readTree(file.toFile());
            int chunk = r.nextBoolean() ? 1 + r.nextInt(40) : 1 << 20;
            try (CocoIndex coco = CocoIndex.load(file, chunk)) {
                checkImages(tree.path("images"), coco);
                checkCategories(tree.path("categories"), coco);
                checkAnnotations(tree.path("annotations"), coco);
                checkByteRanges(tree, coco);
            }
        } finally {
            Files.delete(file);
        }
    }

    private static void checkImages(JsonNode images, CocoIndex coco) {
        assertEquals(images.size(), coco.imageCount());
        for (int i = 0; i < images.size(); i++) {
            JsonNode img = images.get(i);
            assertEquals(img.get("id").longValue(), coco.imageId(i));
            assertEquals(img.get("height").intValue(), coco.imageHeight(i));
            assertEquals(img.get("width").intValue(), coco.imageWidth(i));
            assertEquals(text(img.get("file_name")), coco.imageFileName(i));
            assertEquals(lastIndexOf(images, img.get("id").longValue()), coco.imageIndex(img.get("id").longValue()));
        }
    }

    private static void checkCategories(JsonNode cats, CocoIndex coco) {
        assertEquals(cats.size(), coco.categoryCount());
        for (int c = 0; c < cats.size(); c++) {
            assertEquals(cats.get(c).get("id").intValue(), coco.categoryId(c));
            assertEquals(text(cats.get(c).get("name")), coco.categoryName(c));
            assertEquals(text(cats.get(c).get("supercategory")), coco.categorySupercategory(c));
        }
    }

    private static void checkAnnotations(JsonNode anns, CocoIndex coco) {
        assertEquals(anns.size(), coco.annotationCount());
        for (int a = 0; a < anns.size(); a++) {
            JsonNode ann = anns.get(a);
            String which = "annotation #" + a + ": " + ann;
            assertEquals(ann.get("id").longValue(), coco.annotationId(a), which);
            assertEquals(lastIndexOf(anns, ann.get("id").longValue()), coco.annotationIndex(ann.get("id").longValue()));
            assertEquals(ann.get("image_id").longValue(), coco.annotationImageId(a), which);
            JsonNode cat = ann.get("category_id");
            assertEquals(cat != null && cat.isIntegralNumber() ? cat.intValue() : -1, coco.annotationCategoryId(a), which);
            JsonNode crowd = ann.get("iscrowd");
            boolean expectedCrowd = crowd != null && (crowd.isNumber() ? crowd.doubleValue() != 0 : crowd.booleanValue());
            assertEquals(expectedCrowd, coco.annotationIsCrowd(a), which);
            JsonNode area = ann.get("area");
            assertEquals(area != null && area.isNumber() ? area.doubleValue() : 0, coco.annotationArea(a), which);
            JsonNode nk = ann.get("num_keypoints");
            assertEquals(nk != null && nk.isIntegralNumber() ? nk.intValue() : 0, coco.annotationNumKeypoints(a), which);
            double[] bbox = new double[4];
            JsonNode b = ann.get("bbox");
            for (int k = 0; b != null && k < b.size(); k++) {
                bbox[k] = b.get(k).doubleValue();
            }
            var box = coco.annotationBbox(a);
            assertArrayEquals(bbox, new double[] {box.x(), box.y(), box.w(), box.h()}, which);
            checkSegmentation(ann.get("segmentation"), coco.segmentation(a), which);
            JsonNode kp = ann.get("keypoints");
            assertArrayEquals(kp != null && kp.isArray() ? doubles(kp) : new double[0], coco.keypoints(a), which);
        }
        for (int i = 0; i < coco.imageCount(); i++) {
            List<Integer> expected = new ArrayList<>();
            for (int a = 0; a < anns.size(); a++) {
                if (anns.get(a).get("image_id").longValue() == coco.imageId(i)) {
                    expected.add(a);
                }
            }
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), coco.imageAnnotations(coco.imageId(i)));
        }
        for (int cat : new int[] {-1, 1, 2, 3}) {
            List<Long> expected = new ArrayList<>();
            for (JsonNode ann : anns) {
                JsonNode c = ann.get("category_id");
                if ((c != null && c.isIntegralNumber() ? c.intValue() : -1) == cat) {
                    expected.add(ann.get("image_id").longValue());
                }
            }
            assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), coco.categoryImages(cat));
        }
    }

    /** Every member's value and every item's object, read back by its byte range, is what the tree holds. */
    private static void checkByteRanges(JsonNode tree, CocoIndex coco) throws IOException {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        assertEquals(names, coco.members().stream().map(CocoIndex.Member::name).toList());
        for (CocoIndex.Member m : coco.members()) {
            assertEquals(tree.get(m.name()), JSON.readTree(coco.bytes(m.start(), m.end())), m.name());
        }
        for (int i = 0; i < coco.imageCount(); i++) {
            assertEquals(tree.get("images").get(i), JSON.readTree(coco.imageJson(i)), "image #" + i);
        }
        for (int c = 0; c < coco.categoryCount(); c++) {
            assertEquals(tree.get("categories").get(c), JSON.readTree(coco.categoryJson(c)), "category #" + c);
        }
        for (int a = 0; a < coco.annotationCount(); a++) {
            assertEquals(tree.get("annotations").get(a), JSON.readTree(coco.annotationJson(a)), "annotation #" + a);
        }
    }

    private static void checkSegmentation(JsonNode expected, Segmentation actual, String which) {
        switch (actual) {
            case Segmentation.Polygons p -> {
                assertEquals(expected.size(), p.parts().length, which);
                for (int k = 0; k < p.parts().length; k++) {
                    assertArrayEquals(doubles(expected.get(k)), p.parts()[k], which);
                }
            }
            case Segmentation.UncompressedRle u -> {
                assertArrayEquals(new int[] {expected.get("size").get(0).intValue(), expected.get("size").get(1).intValue()},
                        new int[] {u.h(), u.w()}, which);
                int[] counts = new int[expected.get("counts").size()];
                for (int k = 0; k < counts.length; k++) {
                    counts[k] = expected.get("counts").get(k).intValue();
                }
                assertArrayEquals(counts, u.counts(), which);
            }
            case Segmentation.CompressedRle c -> {
                assertEquals(expected.get("size").get(0).intValue(), c.h(), which);
                assertEquals(expected.get("size").get(1).intValue(), c.w(), which);
                assertEquals(expected.get("counts").textValue(), c.counts(), which);
            }
        }
    }

    private static int lastIndexOf(JsonNode items, long id) {
        int last = -1;
        for (int i = 0; i < items.size(); i++) {
            last = items.get(i).get("id").longValue() == id ? i : last;
        }
        return last;
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = array.get(k).doubleValue();
        }
        return out;
    }

    // ---- random documents ------------------------------------------------------------------------

    private static ObjectNode document(Random r) {
        Map<String, JsonNode> top = new java.util.LinkedHashMap<>();
        int images = r.nextInt(6);
        ArrayNode imgs = NODES.arrayNode();
        for (int i = 0; i < images; i++) {
            imgs.add(object(r, Map.of("id", NODES.numberNode(ids(r, i)), "height", NODES.numberNode(1 + r.nextInt(500)),
                    "width", NODES.numberNode(1 + r.nextInt(500)), "file_name", maybeText(r))));
        }
        top.put("images", imgs);
        ArrayNode cats = NODES.arrayNode();
        for (int c = 1; c <= 3; c++) {
            cats.add(object(r, Map.of("id", NODES.numberNode(c), "name", maybeText(r), "supercategory", maybeText(r))));
        }
        top.put("categories", cats);
        ArrayNode anns = NODES.arrayNode();
        for (int a = r.nextInt(8); a > 0; a--) {
            Map<String, JsonNode> f = new java.util.HashMap<>();
            f.put("id", NODES.numberNode(ids(r, a)));
            f.put("image_id", NODES.numberNode(ids(r, r.nextInt(images + 1))));
            f.put("category_id", r.nextInt(5) == 0 ? notAnInteger(r) : NODES.numberNode(1 + r.nextInt(3)));
            f.put("iscrowd", switch (r.nextInt(5)) {
                case 0 -> NODES.booleanNode(r.nextBoolean());
                case 1 -> number(r);
                case 2 -> anyValue(r, 1);
                default -> NODES.numberNode(r.nextInt(2));
            });
            f.put("area", r.nextInt(6) == 0 ? anyValue(r, 1) : number(r));
            ArrayNode bbox = NODES.arrayNode();
            for (int k = r.nextInt(5); k > 0; k--) {
                bbox.add(number(r));
            }
            f.put("bbox", bbox);
            f.put("segmentation", segmentation(r));
            if (r.nextBoolean()) {
                ArrayNode kp = NODES.arrayNode();
                for (int k = 3 * r.nextInt(5); k > 0; k--) {
                    kp.add(number(r));
                }
                f.put("keypoints", r.nextInt(4) == 0 ? NODES.nullNode() : kp);
                f.put("num_keypoints", NODES.numberNode(r.nextInt(17)));
            }
            anns.add(object(r, f));
        }
        top.put("annotations", anns);
        top.put("info", anyValue(r, 3));
        top.put("licenses", anyValue(r, 3));
        return object(r, top);
    }

    /** Ids, mostly distinct, sometimes repeated (later ones win, as in pycocotools' dicts), sometimes beyond 32 bits. */
    private static long ids(Random r, int i) {
        return r.nextInt(10) == 0 ? r.nextInt(3) : r.nextInt(4) == 0 ? (1L << 40) + i : 1000 + i;
    }

    /** An object of {@code fields} plus unknown members, in random order. */
    private static ObjectNode object(Random r, Map<String, JsonNode> fields) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(fields.entrySet());
        for (int k = r.nextInt(3); k > 0; k--) {
            members.add(Map.entry("x" + k + randomText(r), anyValue(r, 3)));
        }
        Collections.shuffle(members, r);
        ObjectNode o = NODES.objectNode();
        members.forEach(e -> o.set(e.getKey(), e.getValue()));
        return o;
    }

    private static JsonNode segmentation(Random r) {
        switch (r.nextInt(3)) {
            case 0 -> {
                ArrayNode polys = NODES.arrayNode();
                for (int p = 1 + r.nextInt(3); p > 0; p--) {
                    ArrayNode poly = polys.addArray();
                    for (int k = 2 * (3 + r.nextInt(5)); k > 0; k--) {
                        poly.add(number(r));
                    }
                }
                return polys;
            }
            case 1 -> {
                ObjectNode rle = NODES.objectNode();
                rle.putArray("size").add(1 + r.nextInt(9)).add(1 + r.nextInt(9));
                ArrayNode counts = rle.putArray("counts");
                for (int k = r.nextInt(6); k > 0; k--) {
                    counts.add(r.nextInt(20));
                }
                return rle;
            }
            default -> {
                ObjectNode rle = NODES.objectNode();
                rle.put("counts", randomText(r));
                rle.putArray("size").add(1 + r.nextInt(9)).add(1 + r.nextInt(9));
                return rle;
            }
        }
    }

    /** A number in any JSON notation: ints, longs, beyond 64 bits, shortest doubles, long decimals, exponents. */
    private static JsonNode number(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> NODES.numberNode(r.nextInt(2000) - 1000);
            case 1 -> NODES.numberNode(r.nextLong());
            case 2 -> NODES.numberNode(new BigInteger(70 + r.nextInt(40), r).negate());
            case 3 -> NODES.numberNode(r.nextDouble() * 1000);
            case 4 -> NODES.numberNode(new BigDecimal(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20)));
            case 5 -> NODES.numberNode(new BigDecimal(BigInteger.valueOf(r.nextLong()), r.nextInt(60) - 30));
            default -> NODES.numberNode(r.nextBoolean() ? -0.0 : Double.longBitsToDouble(r.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL));
        };
    }

    /** Any JSON value, nested up to {@code depth}, with brackets, quotes and escapes inside strings. */
    private static JsonNode anyValue(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(r.nextBoolean());
            case 2 -> number(r);
            case 3, 4 -> NODES.textNode(randomText(r));
            case 5 -> {
                ArrayNode a = NODES.arrayNode();
                for (int k = r.nextInt(4); k > 0; k--) {
                    a.add(anyValue(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int k = r.nextInt(4); k > 0; k--) {
                    o.set(r.nextBoolean() ? "id" : randomText(r), anyValue(r, depth - 1));
                }
                yield o;
            }
        };
    }

    /** Any value but a number (that might be written as an integer: the index refuses category ids beyond 32 bits). */
    private static JsonNode notAnInteger(Random r) {
        JsonNode v = anyValue(r, 1);
        return v.isNumber() ? NODES.numberNode(1.5) : v;
    }

    private static JsonNode maybeText(Random r) {
        return r.nextInt(5) == 0 ? anyValue(r, 1) : NODES.textNode(randomText(r));
    }

    private static final String[] PIECES = {"a", "Z", "0", " ", "[", "]", "{", "}", "\"", "\\", "/", ",", ":", "\n", "\t",
        "\u0001", "\u001f", "é", "ß", "中", "😀", "\uD834\uDD1E", "\u2028", "\\u0041", "segmentation", "null"};

    private static String randomText(Random r) {
        StringBuilder b = new StringBuilder();
        for (int k = r.nextInt(8); k > 0; k--) {
            b.append(PIECES[r.nextInt(PIECES.length)]);
        }
        return b.toString();
    }
}
