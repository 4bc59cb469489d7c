package dev.segpack.poseh5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Java write -> Java read, plus the writer's and reader's error paths. */
class PoseH5RoundTripTest {

    @TempDir
    Path dir;

    /** Image ids with their shape [h, w] and person count; 0 persons exercises h5py's float64 (0,). */
    private static final long[][] IMAGES = {{397133, 7, 5, 2}, {37777, 1, 1, 0}, {252219, 13, 17, 1}, {87038, 4, 9, 5}};

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 4, 9})
    void bgrxImagesReadBackExactly(int gzipLevel) throws IOException {
        H5Compression compression = gzipLevel < 0 ? H5Compression.none() : H5Compression.gzip(gzipLevel);
        Path file = dir.resolve("pose.h5");
        try (Arena arena = Arena.ofConfined()) {
            List<MemorySegment> written = new ArrayList<>();
            try (PoseH5Writer writer = PoseH5Writer.create(file, compression)) {
                for (long[] image : IMAGES) {
                    MemorySegment bgrx = PoseSamples.randomBytes(arena, image[1] * image[2] * 4, image[0]);
                    written.add(bgrx);
                    writer.writeImage(image[0], (int) image[1], (int) image[2], bgrx,
                            PoseSamples.keypoints((int) image[3], image[0]));
                }
                assertEquals(IMAGES.length, writer.imageCount());
            }
            try (PoseH5Reader reader = PoseH5Reader.open(file)) {
                assertArrayEquals(Stream.of(IMAGES).mapToLong(i -> i[0]).sorted().toArray(), reader.imageIds());
                for (int i = 0; i < IMAGES.length; i++) {
                    long[] image = IMAGES[i];
                    assertEquals(new PoseH5Reader.Image(image[0], (int) image[1], (int) image[2], 4, PixelType.UINT8),
                            reader.image(image[0]));
                    assertArrayEquals(written.get(i).toArray(ValueLayout.JAVA_BYTE),
                            reader.readPixels(image[0], arena).toArray(ValueLayout.JAVA_BYTE));
                    assertArrayEquals(PoseSamples.keypoints((int) image[3], image[0]), reader.keypoints(image[0]));
                }
            }
        }
        assertEquals(List.of(file), listDir(), "only the target remains, no partial or spill file");
    }

    @Test
    void uint16ImagesOfAnyChannelCountReadBackExactly() throws IOException {
        Path file = dir.resolve("wide.h5");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment threeChannels = PoseSamples.randomBytes(arena, 6 * 5 * 3 * 2, 1);
            MemorySegment oneChannel = PoseSamples.randomBytes(arena, 2 * 3 * 1 * 2, 2);
            try (PoseH5Writer writer = PoseH5Writer.create(file)) {
                writer.writeImage(1, 6, 5, 3, PixelType.UINT16, threeChannels, PoseSamples.keypoints(1, 1));
                writer.writeImage(2, 2, 3, 1, PixelType.UINT16, oneChannel, new int[0][]);
            }
            try (PoseH5Reader reader = PoseH5Reader.open(file)) {
                assertEquals(new PoseH5Reader.Image(1, 6, 5, 3, PixelType.UINT16), reader.image(1));
                assertEquals(new PoseH5Reader.Image(2, 2, 3, 1, PixelType.UINT16), reader.image(2));
                assertArrayEquals(threeChannels.toArray(ValueLayout.JAVA_BYTE),
                        reader.readPixels(1, arena).toArray(ValueLayout.JAVA_BYTE));
                assertArrayEquals(oneChannel.toArray(ValueLayout.JAVA_BYTE),
                        reader.readPixels(2, arena).toArray(ValueLayout.JAVA_BYTE));
                assertEquals(0, reader.keypoints(2).length);
            }
        }
    }

    /** Contiguous (lock-free positional reads) and gzip (jhdf decoding) files, read by 4 threads. */
    @Test
    void concurrentReadsReturnEachImagesBytes() throws Exception {
        Path file = dir.resolve("pose.h5");
        int images = 24;
        try (Arena arena = Arena.ofShared()) {
            byte[][] expected = new byte[images][];
            try (PoseH5Writer writer = PoseH5Writer.create(file)) {
                for (int id = 0; id < images; id++) {
                    MemorySegment bgrx = PoseSamples.randomBytes(arena, 31L * 29 * 4, id);
                    expected[id] = bgrx.toArray(ValueLayout.JAVA_BYTE);
                    writer.writeImage(id, 31, 29, bgrx, PoseSamples.keypoints(id % 3, id));
                }
            }
            Path gzipFile = dir.resolve("pose-gzip.h5");
            try (PoseH5Writer writer = PoseH5Writer.create(gzipFile, H5Compression.gzip(1))) {
                for (int id = 0; id < images; id++) {
                    writer.writeImage(id, 31, 29, MemorySegment.ofArray(expected[id]), PoseSamples.keypoints(id % 3, id));
                }
            }
            for (Path path : List.of(file, gzipFile)) {
                try (PoseH5Reader reader = PoseH5Reader.open(path);
                     ExecutorService pool = Executors.newFixedThreadPool(4)) {
                    List<Future<Boolean>> results = new ArrayList<>();
                    for (int round = 0; round < 8; round++) {
                        for (int id = 0; id < images; id++) {
                            int imageId = id;
                            results.add(pool.submit(() -> {
                                try (Arena local = Arena.ofConfined()) {
                                    byte[] read = reader.readPixels(imageId, local).toArray(ValueLayout.JAVA_BYTE);
                                    return Arrays.equals(expected[imageId], read);
                                }
                            }));
                        }
                    }
                    for (Future<Boolean> result : results) {
                        assertTrue(result.get(), "a concurrent read of " + path.getFileName() + " returned wrong bytes");
                    }
                }
            }
        }
    }

    @Test
    void emptyFileHasAnEmptyCocoGroup() throws IOException {
        Path file = dir.resolve("empty.h5");
        PoseH5Writer.create(file).close();
        try (PoseH5Reader reader = PoseH5Reader.open(file)) {
            assertEquals(0, reader.imageIds().length);
        }
    }

    @Test
    void closeReplacesAnExistingTargetAndAbortLeavesItAlone() throws IOException {
        Path file = dir.resolve("pose.h5");
        try (Arena arena = Arena.ofConfined()) {
            writeOneImage(file, 1, arena);
            writeOneImage(file, 2, arena);
            PoseH5Writer aborted = PoseH5Writer.create(file);
            aborted.writeImage(3, 2, 2, PoseSamples.randomBytes(arena, 16, 3), new int[0][]);
            aborted.abort();
            aborted.close();
        }
        try (PoseH5Reader reader = PoseH5Reader.open(file)) {
            assertArrayEquals(new long[] {2}, reader.imageIds());
        }
        assertEquals(List.of(file), listDir());
    }

    @Test
    void writerRejectsBadImagesNamingTheItem() throws IOException {
        Path file = dir.resolve("pose.h5");
        try (Arena arena = Arena.ofConfined(); PoseH5Writer writer = PoseH5Writer.create(file)) {
            MemorySegment bgrx = PoseSamples.randomBytes(arena, 4 * 4 * 4, 1);
            writer.writeImage(7, 4, 4, bgrx, PoseSamples.keypoints(1, 7));

            assertMessageContains("coco/7 was already written",
                    assertThrows(IllegalArgumentException.class, () -> writer.writeImage(7, 4, 4, bgrx, new int[0][])));
            assertMessageContains("coco/8: pixel segment has 64 bytes",
                    assertThrows(IllegalArgumentException.class, () -> writer.writeImage(8, 5, 4, bgrx, new int[0][])));
            assertMessageContains("coco/9: keypoints row 1 has 3 values, row 0 has 51",
                    assertThrows(IllegalArgumentException.class,
                            () -> writer.writeImage(9, 4, 4, bgrx, new int[][] {new int[51], new int[3]})));
            assertMessageContains("coco/10: keypoints must not be null",
                    assertThrows(IllegalArgumentException.class, () -> writer.writeImage(10, 4, 4, bgrx, null)));
            assertMessageContains("coco/11: shape [0, 4, 4] must be positive",
                    assertThrows(IllegalArgumentException.class, () -> writer.writeImage(11, 0, 4, bgrx, new int[0][])));
            // 161 persons * 51 int64 exceed the 64 KiB of one compact attribute message
            assertMessageContains("coco/12: keypoints attribute needs",
                    assertThrows(IllegalArgumentException.class,
                            () -> writer.writeImage(12, 4, 4, bgrx, PoseSamples.keypoints(161, 12))));
            writer.writeImage(13, 4, 4, bgrx, PoseSamples.keypoints(160, 13));
        }
        try (PoseH5Reader reader = PoseH5Reader.open(file)) {
            assertArrayEquals(new long[] {7, 13}, reader.imageIds());
            assertEquals(160, reader.keypoints(13).length);
        }
    }

    @Test
    void readerRejectsFilesOutsideTheLayoutNamingTheItem() {
        assertMessageContains("no group 'coco' at the root", assertThrows(IOException.class,
                () -> PoseH5Reader.open(jhdfFile("nogroup.h5", root -> root.putGroup("images")))));
        assertMessageContains("coco/12: shape [3, 4] is not [h, w, C]", assertThrows(IOException.class,
                () -> PoseH5Reader.open(jhdfFile("rank2.h5", root -> withKeypoints(
                        root.putGroup("coco").putDataset("12", new byte[3][4]))))));
        assertMessageContains("coco/012: dataset name is not an image id", assertThrows(IOException.class,
                () -> PoseH5Reader.open(jhdfFile("name.h5", root -> withKeypoints(
                        root.putGroup("coco").putDataset("012", new byte[3][4][4]))))));
        assertMessageContains("coco/5: element type int8", assertThrows(IOException.class,
                () -> PoseH5Reader.open(jhdfFile("signed.h5", root -> withKeypoints(
                        root.putGroup("coco").putDataset("5", new byte[3][4][4]))))));
        assertMessageContains("coco/6: no 'keypoints' attribute", assertThrows(IOException.class,
                () -> PoseH5Reader.open(jhdfFile("nokp.h5", root -> root.putGroup("coco").putDataset("6",
                        new short[2][2][4], DatasetCreationOptions.builder().unsigned().build())))));
        assertMessageContains("coco/6: attribute 'keypoints' value 1 = 2.5 is not a 32-bit integer",
                assertThrows(IOException.class, () -> PoseH5Reader.open(jhdfFile("floatkp.h5", root -> root
                        .putGroup("coco").putDataset("6", new short[2][2][4],
                                DatasetCreationOptions.builder().unsigned().build())
                        .putAttribute("keypoints", new double[][] {{1.0, 2.5, 3.0}})))));
        Path notHdf5 = dir.resolve("text.h5");
        assertMessageContains("text.h5: not a segpack/recipe pose HDF5 file", assertThrows(IOException.class, () -> {
            Files.writeString(notHdf5, "not an HDF5 file");
            PoseH5Reader.open(notHdf5);
        }));
    }

    /** Files from this writer (contiguous and gzip) and from h5py, cut short at many lengths. */
    @Test
    void truncatedFilesFailWithAnIOExceptionNamingTheFile() throws IOException {
        List<byte[]> wholeFiles = new ArrayList<>();
        for (H5Compression compression : List.of(H5Compression.none(), H5Compression.gzip(6))) {
            Path whole = dir.resolve("whole.h5");
            try (Arena arena = Arena.ofConfined(); PoseH5Writer writer = PoseH5Writer.create(whole, compression)) {
                for (int id = 1; id <= 3; id++) {
                    writer.writeImage(id, 20, 10, PoseSamples.randomBytes(arena, 20 * 10 * 4, id),
                            PoseSamples.keypoints(id, id));
                }
            }
            wholeFiles.add(Files.readAllBytes(whole));
        }
        wholeFiles.add(Files.readAllBytes(Path.of(System.getProperty("segpack.testdata"), "h5", "pose_h5py.h5")));
        Path truncated = dir.resolve("truncated.h5");
        for (byte[] bytes : wholeFiles) {
            for (int length = 0; length < bytes.length; length += 97) {
                assertTruncatedFails(Arrays.copyOf(bytes, length), truncated);
            }
            // every length in the last stretch: these keep all objects and lose only the end
            for (int length = bytes.length - 128; length < bytes.length; length++) {
                assertTruncatedFails(Arrays.copyOf(bytes, length), truncated);
            }
        }
        assertThrows(NoSuchFileException.class, () -> PoseH5Reader.open(dir.resolve("missing.h5")));
    }

    private static void assertTruncatedFails(byte[] bytes, Path truncated) throws IOException {
        Files.write(truncated, bytes);
        IOException thrown = assertThrows(IOException.class, () -> {
            try (PoseH5Reader reader = PoseH5Reader.open(truncated); Arena arena = Arena.ofConfined()) {
                for (long id : reader.imageIds()) {
                    reader.readPixels(id, arena);
                }
            }
        }, "truncated to " + bytes.length + " bytes");
        assertTrue(thrown.getMessage().contains("truncated.h5"), thrown.getMessage());
    }

    @Test
    void readerRejectsUnknownIdsAndShortTargets() throws IOException {
        Path file = dir.resolve("pose.h5");
        try (Arena arena = Arena.ofConfined()) {
            writeOneImage(file, 1, arena);
            try (PoseH5Reader reader = PoseH5Reader.open(file)) {
                assertFalse(reader.contains(2));
                assertMessageContains("coco/2: no such image",
                        assertThrows(IllegalArgumentException.class, () -> reader.keypoints(2)));
                assertMessageContains("coco/1: target segment has 15 bytes, the image needs 16",
                        assertThrows(IllegalArgumentException.class, () -> reader.readPixels(1, arena.allocate(15))));
            }
        }
    }

    /** Writes {@code file} holding image {@code id}: 2x2 random pixels (seeded by the id), no persons. */
    private static void writeOneImage(Path file, long id, Arena arena) throws IOException {
        try (PoseH5Writer writer = PoseH5Writer.create(file)) {
            writer.writeImage(id, 2, 2, PoseSamples.randomBytes(arena, 16, id), new int[0][]);
        }
    }

    private interface RootFiller {
        void fill(WritableHdfFile root);
    }

    private Path jhdfFile(String name, RootFiller filler) {
        Path file = dir.resolve(name);
        try (WritableHdfFile root = HdfFile.write(file)) {
            filler.fill(root);
        }
        return file;
    }

    private static void withKeypoints(WritableDataset dataset) {
        dataset.putAttribute("keypoints", new long[][] {new long[51]});
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static void assertMessageContains(String expected, Throwable thrown) {
        assertTrue(thrown.getMessage().contains(expected),
                "message '" + thrown.getMessage() + "' does not contain '" + expected + "'");
    }
}
