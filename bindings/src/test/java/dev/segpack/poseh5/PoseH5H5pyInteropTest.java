package dev.segpack.poseh5;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.testing.Python;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files written by {@link PoseH5Writer} as h5py sees them: Debian's python3-h5py prints groups,
 * shapes, dtypes, filters, a sha256 of each dataset and the keypoints attribute, and the test
 * compares them with what was written. Skipped, with the reason printed, when no python3 on this
 * machine can import h5py.
 */
class PoseH5H5pyInteropTest {

    @TempDir
    Path dir;

    @Test
    void h5pySeesUncompressedBgrxImagesExactly() throws Exception {
        checkAgainstH5py(H5Compression.none(), PixelType.UINT8, PoseH5Layout.BGRX_CHANNELS);
    }

    @Test
    void h5pySeesGzipImagesExactly() throws Exception {
        checkAgainstH5py(H5Compression.gzip(4), PixelType.UINT8, PoseH5Layout.BGRX_CHANNELS);
    }

    @Test
    void h5pySeesUint16ImagesExactly() throws Exception {
        checkAgainstH5py(H5Compression.none(), PixelType.UINT16, 3);
    }

    @Test
    void h5pyOpensAFileWithNoImages() throws Exception {
        Path file = dir.resolve("empty.h5");
        PoseH5Writer.create(file).close();
        JsonNode seen = dumpWithH5py(file);
        assertEquals(List.of("coco"), strings(seen.get("root_members")));
        assertEquals(0, seen.get("images").size());
    }

    private void checkAgainstH5py(H5Compression compression, PixelType type, int channels) throws Exception {
        long[][] images = {{397133, 48, 64, 2}, {37777, 5, 7, 0}, {252219, 33, 21, 1}, {581781, 2, 3, 160}};
        Path file = dir.resolve("pose.h5");
        String[] sha256 = new String[images.length];
        try (Arena arena = Arena.ofConfined(); PoseH5Writer writer = PoseH5Writer.create(file, compression)) {
            for (int i = 0; i < images.length; i++) {
                long[] image = images[i];
                MemorySegment pixels = PoseSamples.randomBytes(arena, image[1] * image[2] * channels * type.bytes(), image[0]);
                sha256[i] = sha256(pixels);
                writer.writeImage(image[0], (int) image[1], (int) image[2], channels, type, pixels,
                        PoseSamples.keypoints((int) image[3], image[0]));
            }
        }

        JsonNode seen = dumpWithH5py(file);
        assertEquals(List.of(), strings(seen.get("root_attributes")));
        assertEquals(List.of("coco"), strings(seen.get("root_members")));
        assertEquals(images.length, seen.get("images").size());
        for (int i = 0; i < images.length; i++) {
            long[] image = images[i];
            JsonNode dataset = seen.get("images").get(Long.toString(image[0]));
            String what = "coco/" + image[0];
            assertEquals(List.of(image[1], image[2], (long) channels), longs(dataset.get("shape")), what);
            assertEquals(type == PixelType.UINT8 ? "|u1" : "<u2", dataset.get("dtype").asText(), what);
            assertEquals(compression.gzip() ? "gzip" : null, textOrNull(dataset.get("compression")), what);
            if (compression.gzip()) {
                assertEquals(compression.level(), dataset.get("compression_opts").asInt(), what);
            }
            assertEquals(sha256[i], dataset.get("sha256").asText(), what);
            assertEquals(List.of(PoseH5Layout.KEYPOINTS_ATTRIBUTE), strings(dataset.get("attributes")), what);

            int persons = (int) image[3];
            if (persons == 0) {
                // h5py's own encoding of ds.attrs['keypoints'] = []
                assertEquals("<f8", dataset.get("keypoints_dtype").asText(), what);
                assertEquals(List.of(0L), longs(dataset.get("keypoints_shape")), what);
            } else {
                assertEquals("<i8", dataset.get("keypoints_dtype").asText(), what);
                assertEquals(List.of((long) persons, (long) PoseH5Layout.COCO_KEYPOINT_VALUES),
                        longs(dataset.get("keypoints_shape")), what);
            }
            int[][] expected = PoseSamples.keypoints(persons, image[0]);
            JsonNode rows = dataset.get("keypoints");
            assertEquals(expected.length, rows.size(), what);
            for (int p = 0; p < expected.length; p++) {
                for (int v = 0; v < expected[p].length; v++) {
                    assertEquals(expected[p][v], rows.get(p).get(v).asInt(), what + " keypoints[" + p + "][" + v + "]");
                }
            }
        }
    }

    private JsonNode dumpWithH5py(Path file) throws IOException, InterruptedException {
        try (InputStream source = Objects.requireNonNull(getClass().getResourceAsStream("dump_pose_h5.py"))) {
            String script = new String(source.readAllBytes(), StandardCharsets.UTF_8);
            return new ObjectMapper().readTree(Python.require("h5py").run(script, file.toString()));
        }
    }

    private static String sha256(MemorySegment bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toArray(ValueLayout.JAVA_BYTE)));
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asText).toList();
    }

    private static List<Long> longs(JsonNode array) {
        return array.valueStream().map(JsonNode::asLong).toList();
    }

    private static String textOrNull(JsonNode node) {
        return node.isNull() ? null : node.asText();
    }
}
