package dev.segpack.poseh5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** h5py's file with one dataspace's dimensions (and maximum dimensions) rewritten in place. */
    private static Path withDimensions(Path dir, long[] from, long[] to) throws Exception {
        byte[] file = Files.readAllBytes(H5_DIR.resolve("pose_h5py.h5"));
        ByteBuffer old = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer patched = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        for (int copy = 0; copy < 2; copy++) {
            for (int i = 0; i < 3; i++) {
                old.putLong(from[i]);
                patched.putLong(to[i]);
            }
        }
        int at = indexOf(file, old.array());
        System.arraycopy(patched.array(), 0, file, at, 48);
        Path out = dir.resolve("patched.h5");
        Files.write(out, file);
        return out;
    }

    private static int indexOf(byte[] file, byte[] part) {
        for (int i = 0; i + part.length <= file.length; i++) {
            if (Arrays.equals(file, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("dimensions not found in the fixture");
    }

    @Test
    void aShapeOverThePixelLimitIsRefusedAtOpen(@TempDir Path dir) throws Exception {
        Path file = withDimensions(dir, new long[] {7, 5, 4}, new long[] {50_000, 50_000, 4});
        IOException e = assertThrows(IOException.class, () -> PoseH5Reader.open(file));
        assertTrue(e.getMessage().contains("patched.h5: coco/139: shape [50000, 50000, 4] declares 50000x50000 (h x w)"
                + " = 2500000000 pixels, more than the limit of 2147483648"), e.getMessage());
    }

    @Test
    void chunksTooSmallForTheShapeAreRefusedAtOpen(@TempDir Path dir) throws Exception {
        // 1.6 GB of uint8 within every size limit, from a gzip chunk of a few dozen bytes
        Path file = withDimensions(dir, new long[] {6, 3, 4}, new long[] {20_000, 20_000, 4});
        IOException e = assertThrows(IOException.class, () -> PoseH5Reader.open(file));
        assertTrue(e.getMessage().contains("patched.h5: coco/632: its chunks store "), e.getMessage());
        assertTrue(e.getMessage().contains("bytes, which cannot decode to the 1600000000 bytes of shape [20000, 20000, 4]"),
                e.getMessage());
    }
}
