package dev.segpack.poseh5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reads files h5py wrote in the recipe layout (testdata/h5, see testdata/README.md) exactly. */
class PoseH5FixtureTest {

    private static final Path H5_DIR = Path.of(System.getProperty("segpack.testdata"), "h5");

    @ParameterizedTest
    @ValueSource(strings = {"pose_h5py.h5", "pose_h5py_userblock.h5"})
    void readsEveryImageAsH5pyWroteIt(String fileName) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(H5_DIR.resolve("pose_h5py.json").toFile()).get("images");
        List<Long> expectedIds = new ArrayList<>();
        expected.forEach(image -> expectedIds.add(image.get("id").asLong()));

        try (PoseH5Reader reader = PoseH5Reader.open(H5_DIR.resolve(fileName)); Arena arena = Arena.ofConfined()) {
            assertArrayEquals(expectedIds.stream().mapToLong(Long::longValue).sorted().toArray(), reader.imageIds());
            for (JsonNode image : expected) {
                long id = image.get("id").asLong();
                JsonNode shape = image.get("shape");
                assertEquals(new PoseH5Reader.Image(id, shape.get(0).asInt(), shape.get(1).asInt(),
                        shape.get(2).asInt(), PixelType.UINT8), reader.image(id));

                MemorySegment pixels = reader.readPixels(id, arena);
                byte[] expectedBytes = Base64.getDecoder().decode(image.get("bytes_b64").asText());
                assertArrayEquals(expectedBytes, pixels.toArray(ValueLayout.JAVA_BYTE), "pixels of " + id);

                assertArrayEquals(toIntRows(image.get("keypoints")), reader.keypoints(id), "keypoints of " + id);
            }
        }
    }

    private static int[][] toIntRows(JsonNode rows) {
        int[][] out = new int[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asInt();
            }
        }
        return out;
    }
}
