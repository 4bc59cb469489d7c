package dev.segpack.cityscapes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segpack.engine.testing.Testdata;
import dev.segpack.image.Image;
import dev.segpack.image.PngFile;
import dev.segpack.testing.CliRun;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The six golden frames (testdata/cityscapes/gtFine) copied into a test's folder, and PNG comparison. */
final class GoldenFolder {

    static final Path GT = Testdata.path("cityscapes/gtFine");
    static final Path REFERENCE = Testdata.path("cityscapes/reference");
    static final String CITY = "val/bochum";
    static final List<String> FRAMES = List.of("bochum_000001_000019", "bochum_000001_000020", "bochum_000001_000021",
            "bochum_000001_000022", "bochum_000001_000023", "bochum_000001_000024");
    static final List<String> TYPES = List.of("labelIds", "labelTrainIds", "color", "instanceIds", "instanceTrainIds");
    /** The error of {@link #badFrame}. */
    static final String BAD_FRAME_ERROR = "object 7 ('sidewalks'): label 'sidewalks' not known";

    private GoldenFolder() {
    }

    /** A gtFine folder under {@code dir} holding the golden frames' files whose names end in one of {@code suffixes}. */
    static Path copy(Path dir, String... suffixes) throws IOException {
        Path root = dir.resolve("gtFine");
        Path city = Files.createDirectories(root.resolve(CITY));
        try (Stream<Path> files = Files.list(GT.resolve(CITY))) {
            for (Path f : files.toList()) {
                if (Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s))) {
                    Files.copy(f, city.resolve(f.getFileName()));
                }
            }
        }
        return root;
    }

    /**
     * A frame that sorts before the golden ones, {@code ROOT/val/bochum/bochum_000000_000001_gtFine_polygons.json}:
     * the first golden frame with object 7's label misspelt ({@link #BAD_FRAME_ERROR}).
     */
    static Path badFrame(Path root) throws IOException {
        Path json = root.resolve(CITY).resolve("bochum_000000_000001_gtFine_polygons.json");
        String golden = Files.readString(GT.resolve(CITY).resolve(FRAMES.get(0) + "_gtFine_polygons.json"));
        ObjectNode frame = (ObjectNode) new ObjectMapper().readTree(golden);
        ((ObjectNode) frame.get("objects").get(7)).put("label", "sidewalks");
        Files.writeString(json, frame.toString());
        return json;
    }

    /** The warnings a run printed on stderr (progress lines, printed when it is slow, do not start with "segpack "). */
    static List<String> warnings(CliRun run) {
        return run.errLines().stream().filter(line -> line.startsWith("segpack ")).toList();
    }

    /** Asserts that two PNGs hold the same pixels: same size, colour type, depth and samples. */
    static void assertSamePixels(Path expected, Path actual) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Image e = PngFile.read(expected, arena);
            Image a = PngFile.read(actual, arena);
            assertEquals(List.of(e.h(), e.w(), e.format(), e.sampleType()), List.of(a.h(), a.w(), a.format(),
                    a.sampleType()), actual.toString());
            assertEquals(-1L, MemorySegment.mismatch(e.data(), 0, e.byteSize(), a.data(), 0, a.byteSize()),
                    actual + " differs from " + expected);
        }
    }
}
