package dev.segpack.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void annToRleEqualsPycocotoolsForEveryAnnotation() throws IOException {
        for (String name : List.of("instances_val2017", "person_keypoints_val2017")) {
            List<JsonNode> reference = Testdata.jsonLines("coco-mini/reference/" + name + "_annrle.jsonl.gz");
            try (CocoIndex coco = CocoIndex.load(Testdata.path("coco-mini/annotations/" + name + ".json"));
                    Arena arena = Arena.ofConfined()) {
                assertEquals(reference.size(), coco.annotationCount());
                for (JsonNode r : reference) {
                    int a = coco.annotationIndex(r.get("id").asLong());
                    assertEquals(r.get("string").asText(), RleString.encode(coco.annToRle(a)), "annotation " + r.get("id"));
                    Mask mask = coco.annToMask(a, arena);
                    assertEquals(Order.COLUMN_MAJOR, mask.order());
                    assertEquals(r.get("area").asLong(), MaskApi.area(MaskApi.encode(mask)));
                }
            }
        }
    }

    @Test
    void lookupsFollowPycocotoolsSemantics() throws IOException {
        Path file = Testdata.path("coco-mini/annotations/instances_val2017.json");
        JsonNode d = JSON.readTree(file.toFile());
        try (CocoIndex coco = CocoIndex.load(file)) {
            assertEquals(d.get("images").size(), coco.imageCount());
            assertEquals(d.get("categories").size(), coco.categoryCount());

            long[] all = new long[d.get("annotations").size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = d.get("annotations").get(i).get("id").asLong();
            }
            assertArrayEquals(all, coco.getAnnIds(new long[0], new int[0], new double[0], null));

            long img = d.get("annotations").get(3).get("image_id").asLong();
            int cat = d.get("annotations").get(3).get("category_id").asInt();
            List<Long> expected = new ArrayList<>();
            Set<Long> imagesWithCat = new TreeSet<>();
            List<Long> crowdIds = new ArrayList<>();
            List<Long> midArea = new ArrayList<>();
            for (JsonNode a : d.get("annotations")) {
                if (a.get("image_id").asLong() == img && a.get("category_id").asInt() == cat) {
                    expected.add(a.get("id").asLong());
                }
                if (a.get("category_id").asInt() == cat) {
                    imagesWithCat.add(a.get("image_id").asLong());
                }
                if (a.get("iscrowd").asInt() == 1) {
                    crowdIds.add(a.get("id").asLong());
                }
                double area = a.get("area").asDouble();
                if (area > 1024 && area < 9216) {
                    midArea.add(a.get("id").asLong());
                }
            }
            assertArrayEquals(longs(expected), coco.getAnnIds(new long[] {img}, new int[] {cat}, new double[0], null));
            assertArrayEquals(longs(crowdIds), coco.getAnnIds(new long[0], new int[0], new double[0], true));
            assertArrayEquals(longs(midArea), coco.getAnnIds(new long[0], new int[0], new double[] {1024, 9216}, null));
            assertArrayEquals(longs(new ArrayList<>(imagesWithCat)), coco.getImgIds(new long[0], new int[] {cat}));
            assertEquals(0, coco.getImgIds(new long[] {-5}, new int[] {cat}).length);

            Set<Long> dupsKept = new LinkedHashSet<>();
            long[] catImgs = coco.categoryImages(cat);
            for (long id : catImgs) {
                dupsKept.add(id);
            }
            assertEquals(imagesWithCat, new TreeSet<>(dupsKept));
            assertTrue(catImgs.length >= dupsKept.size());

            int[] person = coco.getCatIds(List.of("person"), List.of(), new int[0]);
            assertArrayEquals(new int[] {1}, person);
            assertEquals(coco.getCatIds(List.of(), List.of("vehicle"), new int[0]).length,
                    countSuper(d, "vehicle"));
            int[] annsOfImg = coco.imageAnnotations(img);
            for (int a : annsOfImg) {
                assertEquals(img, coco.annotationImageId(a));
            }
        }
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndItem(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, "{\"images\":[{\"id\":1,\"height\":4,\"width\":4}],\"annotations\":[{\"id\":9}]}");
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoIndex.load(f));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("annotation #0 (id 9)"), e.getMessage());

        Files.writeString(f, "{\"images\":[{\"id\":1,\"height\":4,\"width\":4}],\"annotations\":[{\"id\":9,");
        e = assertThrows(CocoFormatException.class, () -> CocoIndex.load(f));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        Files.writeString(f, "{\"images\":[{\"id\":1,\"height\":4,\"width\":4}],"
                + "\"annotations\":[{\"id\":9,\"image_id\":2,\"segmentation\":[[0,0,1,1,2,0]]}]}");
        try (CocoIndex coco = CocoIndex.load(f)) {
            e = assertThrows(CocoFormatException.class, () -> coco.annToRle(0));
            assertTrue(e.getMessage().contains("annotation id 9 (#0): image_id 2 is not in the images table"), e.getMessage());
        }
    }

    /** Issue 9: triangles around 1.8e7 pixels on a 40x30 image, then an image over the pixel limit. */
    @Test
    void farOutsidePolygonsAndHugeImagesCostWhatTheyHold(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("far.json");
        Files.writeString(f, "{\"images\":[{\"id\":1,\"height\":30,\"width\":40},"
                + "{\"id\":2,\"height\":50000,\"width\":50000}],\"annotations\":["
                + "{\"id\":7,\"image_id\":1,\"segmentation\":[[-1.8e7,-1e6,1.8e7,-1e6,20,1.8e7],"
                + "[-1.8e7,-1.8e7,1.8e7,-1.8e7,20,-1e6],[18000000.5,17999999.5,-17999999.5,18000000.5,0.5,-18000000]]},"
                + "{\"id\":8,\"image_id\":2,\"segmentation\":[[0,0,4,0,4,4]]}]}");
        try (CocoIndex coco = CocoIndex.load(f); Arena arena = Arena.ofConfined()) {
            assertEquals(30 * 40, MaskApi.area(coco.annToRle(0)));
            assertEquals(30 * 40, MaskApi.area(MaskApi.encode(coco.annToMask(0, arena))));
            assertEquals(50_000, coco.annToRle(1).w());
            CocoFormatException e = assertThrows(CocoFormatException.class, () -> coco.annToMask(1, arena));
            assertTrue(e.getMessage().startsWith(f + ": annotation id 8 (#1): cannot decode its mask: the image is"
                    + " 50000x50000 (h x w) = 2500000000 pixels, more than the limit of 2147483648"), e.getMessage());
        }
    }

    @Test
    void invalidJsonIsRefusedNamingFileLineColumnAndItem(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.json");
        String content = "{\"images\": [{\"id\": 1, \"height\": 4, \"width\": 4}],\n \"annotations\": [\n"
                + "  {\"id\": 8, \"image_id\": 1},\n  {\"id\": 9, \"image_id\": 1, \"area\": 1.5.2}]}";
        Files.writeString(f, content);
        int offset = content.indexOf("1.5.2") + 3;
        int column = offset - content.lastIndexOf('\n', offset);
        assertMessage(f, f + ": not valid JSON at line 4, column " + column + " (byte offset " + offset
                + "), in annotation #1 (id 9): expected ',' or '}' after a member, found '.'");

        assertRefused(f, "{\"annotations\": [{\"id\": 99999999999999999999, \"image_id\": 1}]}",
                ": value out of range at line 1, column 25 (byte offset 24), in annotation #0: "
                + "the number 99999999999999999999 does not fit a 64-bit integer");

        assertRefused(f, "{\"categories\": [{\"id\": 1, \"name\": \"a\u0000b\"}]}",
                ": not valid JSON at line 1, column 37 (byte offset 36), in category #0 (id 1): "
                + "expected a string character (control characters must be escaped), found byte 0x00");

        assertRefused(f, "{\"images\": []} []",
                ": not valid JSON at line 1, column 16 (byte offset 15): "
                + "expected the end of the file after the top-level value, found '['");
    }

    @Test
    void tablesMustBeListsOfObjects(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("bad.json");
        assertRefused(f, "{\"images\": {}}", ": \"images\" is an object, not a list");
        assertRefused(f, "{\"annotations\": null}", ": \"annotations\" is null, not a list");
        assertRefused(f, "{\"images\": [{\"id\": 1, \"height\": 2, \"width\": 2}, 7]}",
                ": image #1 is a number, not an object");
        assertRefused(f, "{\"categories\": [{\"id\": 1.0}]}", ": category #0 has no integer id");
        assertRefused(f, "{\"images\": [{\"id\": 3, \"height\": 2}]}",
                ": image #0 (id 3) has no valid integer height and width");
        assertRefused(f, "{\"annotations\": [{\"bbox\": [1, 2, 3, 4, 5], \"id\": 4, \"image_id\": 1}]}",
                ": annotation #0 has a bbox that is not a list of 4 numbers");
        assertRefused(f, "[]", ": not a COCO file (the top level is not a JSON object)");
        assertRefused(f, "", ": not a COCO file (the top level is not a JSON object)");
        Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'});
        assertMessage(f, f + ": not a COCO file (it starts with a UTF-8 byte order mark, which JSON does not allow)");
    }

    @Test
    void aLoadForARewriteHoldsWhereEachAnnotationIsAndNothingElse(@TempDir Path tmp) throws IOException {
        Path file = Testdata.path("coco-mini/annotations/instances_val2017.json");
        try (CocoIndex full = CocoIndex.load(file);
                CocoIndex rewrite = CocoIndex.loadForRewrite(file, CocoIndex.Required.COCO_API, false, (index, count) -> { })) {
            assertEquals(full.annotationCount(), rewrite.annotationCount());
            for (int a = 0; a < full.annotationCount(); a++) {
                assertEquals(full.annotationId(a), rewrite.annotationId(a));
                assertEquals(full.annotationImageId(a), rewrite.annotationImageId(a));
                assertEquals(full.annotationIsCrowd(a), rewrite.annotationIsCrowd(a));
                assertEquals(full.annotationStart(a), rewrite.annotationStart(a));
                assertEquals(full.annotationEnd(a), rewrite.annotationEnd(a));
            }
            assertThrows(IllegalStateException.class, () -> rewrite.annotationArea(0));
            assertThrows(IllegalStateException.class, () -> rewrite.annotationBbox(0));
            assertThrows(IllegalStateException.class, () -> rewrite.annotationCategoryId(0));
            assertThrows(IllegalStateException.class, () -> rewrite.annotationNumKeypoints(0));
            assertThrows(IllegalStateException.class, () -> rewrite.segmentation(0));
            assertThrows(IllegalStateException.class, () -> rewrite.keypoints(0));
        }
        // the values are still checked as COCO() needs them
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"annotations\": [{\"bbox\": [1, 2, \"3\", 4], \"id\": 4, \"image_id\": 1}]}");
        CocoFormatException e = assertThrows(CocoFormatException.class,
                () -> CocoIndex.loadForRewrite(bad, CocoIndex.Required.COCO_API, false, (index, count) -> { }));
        assertEquals(bad + ": annotation #0 has a bbox that is not a list of 4 numbers", e.getMessage());
    }

    @Test
    void repeatedTablesReplaceEarlierOnesAsJsonLoadDoes(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("twice.json");
        Files.writeString(f, "{\"images\": [{\"id\": 1, \"height\": 2, \"width\": 2}, {\"id\": 2, \"height\": 2, \"width\": 2}],"
                + " \"images\": [{\"id\": 5, \"height\": 3, \"width\": 4}]}");
        try (CocoIndex coco = CocoIndex.load(f)) {
            assertEquals(1, coco.imageCount());
            assertEquals(5, coco.imageId(0));
            assertEquals(-1, coco.imageIndex(1));
        }
    }

    @Test
    void segmentationGrammarIsCheckedWhenItIsParsed(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("lazy.json");
        String content = "{\"images\": [{\"id\": 1, \"height\": 4, \"width\": 4}],\n"
                + "\"annotations\": [{\"id\": 9, \"image_id\": 1, \"segmentation\": [[0, 0,, 2, 2, 0]], \"keypoints\": [1, 2 2]}]}";
        Files.writeString(f, content);
        int offset;
        try (CocoIndex coco = CocoIndex.load(f)) {
            CocoFormatException e = assertThrows(CocoFormatException.class, () -> coco.segmentation(0));
            offset = content.indexOf(",, 2") + 1;
            assertTrue(e.getMessage().startsWith(f + ": not valid JSON at line 2, column " + (offset - content.indexOf('\n'))
                    + " (byte offset " + offset + "), in annotation id 9 (#0): "), e.getMessage());
            e = assertThrows(CocoFormatException.class, () -> coco.keypoints(0));
            assertTrue(e.getMessage().contains("(byte offset " + (content.indexOf("2 2]") + 2) + "), in annotation id 9 (#0)"),
                    e.getMessage());
        }
        content = "{\"annotations\": [{\"id\": 9, \"image_id\": 1, \"segmentation\": [[0, 0, 2, 2, 0]}]}";
        Files.writeString(f, content);
        offset = content.indexOf("]}") + 1;
        assertMessage(f, f + ": not valid JSON at line 1, column " + (offset + 1) + " (byte offset " + offset
                + "), in annotation #0 (id 9): expected ']', found '}'");
    }

    @Test
    void anIdsLoadRequiresOnlyTheIdsThatTieTheTablesTogether(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("loose.json");
        Files.writeString(f, "{\"images\": [{\"id\": 3, \"file_name\": \"a.jpg\"}, {\"id\": 4, \"height\": -2, \"width\": 5}],"
                + " \"annotations\": [{\"image_id\": 3, \"bbox\": [1, 2, 3, 4, 5]}]}");
        try (CocoIndex coco = CocoIndex.load(f, CocoIndex.Required.IDS)) {
            assertEquals(0, coco.imageHeight(0), "an absent size is 0");
            assertEquals(-1, coco.imageHeight(1), "a size that is no 32-bit size is -1");
            assertEquals(5, coco.imageWidth(1));
            assertEquals(0, coco.annotationId(0));
            assertEquals(0, coco.annotationBbox(0).w(), "an invalid bbox is left to the consumer");
            assertEquals("{\"image_id\": 3, \"bbox\": [1, 2, 3, 4, 5]}",
                    new String(coco.annotationJson(0), StandardCharsets.UTF_8));
        }
        assertMessage(f, f + ": image #0 (id 3) has no valid integer height and width");
        Files.writeString(f, "{\"annotations\": [{\"id\": 1}]}");
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoIndex.load(f, CocoIndex.Required.IDS));
        assertEquals(f + ": annotation #0 (id 1) has no integer image_id", e.getMessage());
    }

    @Test
    void membersAreListedInFileOrderWithRepeats(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("members.json");
        String content = "{ \"info\" : {\"a\": 1},\n \"n\": 7, \"info\": \"x\"}";
        Files.writeString(f, content);
        try (CocoIndex coco = CocoIndex.load(f)) {
            assertEquals(List.of("info", "n", "info"), coco.members().stream().map(CocoIndex.Member::name).toList());
            CocoIndex.Member first = coco.members().get(0);
            assertEquals(content.indexOf("{\"a\""), first.start());
            assertEquals("{\"a\": 1}", new String(coco.bytes(first.start(), first.end()), StandardCharsets.UTF_8));
        }
    }

    /** Writes {@code content} to {@code f}; loading it must fail with the message {@code f + expected}. */
    private static void assertRefused(Path f, String content, String expected) throws IOException {
        Files.writeString(f, content);
        assertMessage(f, f + expected);
    }

    private static void assertMessage(Path f, String expected) {
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoIndex.load(f));
        assertEquals(expected, e.getMessage());
    }

    private static int countSuper(JsonNode d, String sup) {
        int n = 0;
        for (JsonNode c : d.get("categories")) {
            n += c.get("supercategory").asText().equals(sup) ? 1 : 0;
        }
        return n;
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
