package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The byte scanner's frames are Jackson's, and a file it does not take gets Jackson's frame or error. */
class PolygonsJsonTest {

    private static final Path NAME = Path.of("f_gtFine_polygons.json");

    /** Frames the scanner reads, those it leaves to Jackson, and files neither reads. */
    private static final List<String> FILES = List.of(
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": []}",
            "{\"objects\": [{\"label\": \"car\", \"polygon\": [[0, 1], [2.5, -3e0], [1E1, 2]]}], \"imgWidth\": 6, \"imgHeight\": 4}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"x\": {\"y\": [1, \"z\", null]}, \"objects\": [{\"date\": \"\","
                    + " \"label\": \"ca\\u0072group\", \"polygon\": [[0, 1]], \"deleted\": 1, \"user\": [true]}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": \"a\", \"polygon\": [], \"deleted\": true},"
                    + " {\"label\": \"b\", \"polygon\": [[1, 2]], \"deleted\": false}, {\"label\": \"c\", \"polygon\":"
                    + " [[1, 2]], \"deleted\": null}, {\"label\": \"d\", \"polygon\": [[1, 2]], \"deleted\": 0.0}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": \"a\", \"polygon\": [[1, 2]], \"deleted\": \"\"},"
                    + " {\"label\": \"b\", \"polygon\": [[1, 2]], \"deleted\": [0]}, {\"label\": \"c\", \"polygon\":"
                    + " [[1, 2]], \"deleted\": {}}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"imgWidth\": 7, \"objects\": [], \"objects\": [{\"label\": \"a\","
                    + " \"polygon\": [[1, 2]], \"label\": \"b\"}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": \"a\", \"polygon\": [[1, 2, 3]]}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": \"a\", \"polygon\": [[1]]}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": 5, \"polygon\": [[1, 2]]}]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"polygon\": [[1, 2]]}]}",
            "{\"imgHeight\": 4.0, \"imgWidth\": 6, \"objects\": []}",
            "{\"imgHeight\": 0, \"imgWidth\": 6, \"objects\": []}",
            "{\"imgHeight\": 3000000000, \"imgWidth\": 6, \"objects\": []}",
            "{\"imgWidth\": 6, \"objects\": []}",
            "{\"imgHeight\": 4, \"imgWidth\": 6}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": {}}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [[1, 2]]}",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": []} []",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [{\"label\": \"a\", \"polygon\": [[1, 2]]}] ",
            "{\"imgHeight\": 4, \"imgWidth\": 6, \"objects\": [}",
            "{}",
            "[]",
            "");

    @Test
    void framesAreJacksonsAndSoAreErrors() throws IOException {
        for (String text : FILES) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            PolygonsJson.Frame expected;
            try {
                expected = PolygonsJson.readWithJackson(bytes, NAME);
            } catch (CityscapesFormatException e) {
                CityscapesFormatException actual = assertThrows(CityscapesFormatException.class,
                        () -> PolygonsJson.read(bytes, NAME), text);
                assertEquals(e.getMessage(), actual.getMessage(), text);
                continue;
            }
            assertSameFrame(expected, PolygonsJson.read(bytes, NAME), text);
        }
    }

    @Test
    void goldenFramesAreJacksons() throws IOException {
        try (Stream<Path> files = Files.list(GoldenFolder.GT.resolve(GoldenFolder.CITY))) {
            for (Path json : files.filter(p -> p.toString().endsWith("_polygons.json")).toList()) {
                byte[] bytes = Files.readAllBytes(json);
                assertSameFrame(PolygonsJson.readWithJackson(bytes, json), PolygonsJson.read(bytes, json), json.toString());
            }
        }
    }

    private static void assertSameFrame(PolygonsJson.Frame expected, PolygonsJson.Frame actual, String what) {
        assertEquals(expected.h(), actual.h(), what);
        assertEquals(expected.w(), actual.w(), what);
        assertEquals(expected.objects().size(), actual.objects().size(), what);
        for (int i = 0; i < expected.objects().size(); i++) {
            assertEquals(expected.objects().get(i).label(), actual.objects().get(i).label(), what);
            assertEquals(expected.objects().get(i).deleted(), actual.objects().get(i).deleted(), what);
            assertArrayEquals(expected.objects().get(i).xy(), actual.objects().get(i).xy(), what);
        }
    }
}
