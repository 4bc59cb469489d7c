package dev.segpack.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pickles and annotations that are not read or drawn: each refused with one message naming the file (and the annotation). */
class PickleBadInputTest {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    @Test
    void truncatedPickle() throws IOException {
        byte[] whole = Files.readAllBytes(PickleGoldenTest.DIR.resolve("numpy1_p4.pkl"));
        for (int length : new int[] {0, 1, 2, 300, whole.length / 2, whole.length - 1}) {
            Path cut = dir.resolve("cut.pkl");
            Files.write(cut, Arrays.copyOf(whole, length));
            PickleFormatException e = assertThrows(PickleFormatException.class, () -> read(cut));
            assertTrue(e.getMessage().startsWith(cut + ": truncated"), e.getMessage());
        }
    }

    @Test
    void notAPickle() throws IOException {
        Path json = dir.resolve("annotations.pkl");
        Files.writeString(json, "{\"annotations\": []}");
        PickleFormatException e = assertThrows(PickleFormatException.class, () -> read(json));
        assertTrue(e.getMessage().startsWith(json + ": not a pickle of protocol 2 to 5"), e.getMessage());
    }

    /**
     * Globals off the whitelist, named by STACK_GLOBAL (protocol 4) and by GLOBAL (protocol 2), are
     * refused before they are called: the command each would run never runs.
     */
    @ParameterizedTest
    @CsvSource({"posix, system", "os, system", "builtins, eval", "builtins, exec", "subprocess, Popen", "builtins, getattr",
        "numpy, load", "numpy.core.multiarray, _reconstruct_evil", "pickle, loads"})
    void refusedGlobal(String module, String name) throws IOException {
        Path marker = dir.resolve("ran");
        String command = "touch " + marker;
        for (byte[] pickle : List.of(stackGlobalCall(module, name, command), globalCall(module, name, command))) {
            Path file = dir.resolve("evil.pkl");
            Files.write(file, pickle);
            PickleFormatException e = assertThrows(PickleFormatException.class, () -> read(file));
            assertEquals(file + ": refused to load global " + module + "." + name
                    + ": only numpy arrays, dtypes, scalars and plain containers are read from pickles", e.getMessage());
            assertFalse(Files.exists(marker));
        }
    }

    @Test
    void pythonsOwnMaliciousPickleIsRefused() throws IOException {
        Path seed = Path.of("src/test/resources/dev/segpack/fuzz/ParserFuzzTestInputs/pickle/seed-refused_os_system");
        PickleFormatException e = assertThrows(PickleFormatException.class, () -> read(seed));
        assertTrue(e.getMessage().contains("refused to load global posix.system"), e.getMessage());
    }

    /** Bombs: a length past the end, two arrays sharing one bytes object, a list nested 200 deep, a self-referencing list. */
    @Test
    void bombsAreRefused() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 4, 'B', (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f});
        assertRefused(b.toByteArray(), "a length of 2147483647 bytes runs past the end of the file");

        ByteArrayOutputStream shared = new ByteArrayOutputStream();
        shared.writeBytes(new byte[] {(byte) 0x80, 4, ']', '('});
        uint8ArrayHead(shared, 4000);
        shared.writeBytes(new byte[] {'B', (byte) 0xa0, 0x0f, 0, 0});
        shared.writeBytes(new byte[4000]);
        shared.writeBytes(new byte[] {(byte) 0x94, 't', 'b'}); // the data bytes memoised as 0
        uint8ArrayHead(shared, 4000);
        shared.writeBytes(new byte[] {'h', 0, 't', 'b', 'e', '.'}); // the second array reuses them
        assertRefused(shared.toByteArray(), "its arrays would hold more bytes than the file has");

        ByteArrayOutputStream deep = new ByteArrayOutputStream();
        deep.writeBytes(new byte[] {(byte) 0x80, 4});
        for (int i = 0; i < 200; i++) {
            deep.write(']');
        }
        for (int i = 0; i < 199; i++) {
            deep.write('a');
        }
        deep.write('.');
        assertRefused(deep.toByteArray(), "containers nest more than 100 deep");

        assertRefused(new byte[] {(byte) 0x80, 4, ']', (byte) 0x94, 'h', 0, 'a', '.'}, "refer to themselves");
    }

    @Test
    void annotationsWithWrongShapesOrNaNs() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Map<Object, Object> threeD = annotation(arena, "v1", floats(arena, new float[2 * 3 * 2], 2, 3, 2), null);
            Map<Object, Object> badScore = annotation(arena, "v2", floats(arena, new float[12], 1, 2, 3, 2),
                    floats(arena, new float[4], 1, 2, 2));
            float[] nan = new float[12];
            Arrays.fill(nan, 3f);
            nan[7] = Float.NaN;
            Map<Object, Object> withNaN = annotation(arena, "v3", floats(arena, nan, 1, 2, 3, 2), null);
            Path file = dir.resolve("bad.pkl");
            PickleWriter.write(file, Map.of("annotations", List.of(threeD, badScore, withNaN)), 4);
            try (SkeletonDataset data = SkeletonDataset.open(file)) {
                HeatmapConfig atImageShape = HeatmapConfig.atImageShape(PoseTargetConfig.keypoints());
                assertEquals(file + ": annotation 0 (frame_dir v1): keypoint has shape [2, 3, 2]; expected [M, T, V, C] (4-D)",
                        assertThrows(IllegalArgumentException.class, () -> data.heatmapShape(0, atImageShape)).getMessage());
                assertEquals(file + ": annotation 1 (frame_dir v2): keypoint_score has shape [1, 2, 2]; expected [M, T, V] ="
                        + " [1, 2, 3] as keypoint",
                        assertThrows(IllegalArgumentException.class, () -> data.heatmapShape(1, atImageShape)).getMessage());
                MemorySegment out = arena.allocate(data.heatmapBytes(2, atImageShape));
                String nanMessage = assertThrows(IllegalArgumentException.class, () -> data.heatmaps(2, atImageShape, out)).getMessage();
                assertTrue(nanMessage.startsWith(file + ": annotation 2 (frame_dir v3): keypoint of person 0, frame 1, joint 0 is (3.0, NaN)"),
                        nanMessage);
                // the test pipeline's PoseCompact turns NaN into 0, as the toolbox does
                HeatmapConfig pipeline = HeatmapConfig.testPipeline(2, 1, 8, 8, PoseTargetConfig.keypoints());
                data.heatmaps(2, pipeline, arena.allocate(data.heatmapBytes(2, pipeline)));
            }
        }
    }

    private static Map<Object, Object> annotation(Arena arena, String frameDir, NpyArray keypoint, NpyArray score) {
        Map<Object, Object> a = new LinkedHashMap<>();
        a.put("frame_dir", frameDir);
        a.put("total_frames", 2L);
        a.put("img_shape", PyTuple.of(16L, 16L));
        a.put("keypoint", keypoint);
        if (score != null) {
            a.put("keypoint_score", score);
        }
        return a;
    }

    static NpyArray floats(Arena arena, float[] values, long... shape) {
        MemorySegment data = arena.allocate(Math.max(4, values.length * 4L));
        MemorySegment.copy(values, 0, data, F32, 0, values.length);
        return new NpyArray(NpyDtype.FLOAT32, shape, false, data);
    }

    private void assertRefused(byte[] pickle, String why) throws IOException {
        Path file = dir.resolve("bomb.pkl");
        Files.write(file, pickle);
        PickleFormatException e = assertThrows(PickleFormatException.class, () -> read(file));
        assertTrue(e.getMessage().startsWith(file + ": ") && e.getMessage().contains(why), e.getMessage());
    }

    private static Object read(Path file) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return PickleReader.read(file, arena);
        }
    }

    /** {@code module.name(command)} through STACK_GLOBAL and REDUCE (protocol 4). */
    private static byte[] stackGlobalCall(String module, String name, String command) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 4});
        for (String s : List.of(module, name)) {
            shortUnicode(b, s);
        }
        b.write(0x93);
        shortUnicode(b, command);
        b.writeBytes(new byte[] {(byte) 0x85, 'R', '.'});
        return b.toByteArray();
    }

    /** {@code module.name(command)} through GLOBAL and REDUCE (protocol 2). */
    private static byte[] globalCall(String module, String name, String command) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2, 'c'});
        b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        shortUnicode(b, command);
        b.writeBytes(new byte[] {(byte) 0x85, 'R', '.'});
        return b.toByteArray();
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')} and the start of its state (1, (n,), dtype('u1'), False, ... */
    private static void uint8ArrayHead(ByteArrayOutputStream b, int n) {
        for (String s : List.of("numpy.core.multiarray", "_reconstruct", "numpy", "ndarray")) {
            shortUnicode(b, s);
            if (s.equals("_reconstruct") || s.equals("ndarray")) {
                b.write(0x93);
            }
        }
        b.writeBytes(new byte[] {'K', 0, (byte) 0x85, 'C', 1, 'b', (byte) 0x87, 'R', '(', 'K', 1, 'M', (byte) n, (byte) (n >> 8),
            (byte) 0x85});
        shortUnicode(b, "numpy");
        shortUnicode(b, "dtype");
        b.write(0x93);
        shortUnicode(b, "u1");
        b.writeBytes(new byte[] {(byte) 0x89, (byte) 0x88, (byte) 0x87, 'R', (byte) 0x89});
    }

    private static void shortUnicode(ByteArrayOutputStream b, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        b.write(0x8c);
        b.write(utf8.length);
        b.writeBytes(utf8);
    }
}
