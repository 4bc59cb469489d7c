package dev.segpack.npy;

import dev.segpack.testing.Python;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.mask.LabelMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyFileTest {

    static final Path DIR = Path.of(System.getProperty("segpack.testdata", "../testdata")).resolve("npy");

    record Expected(String file, JsonNode row) {
        Path path() {
            return DIR.resolve(file);
        }

        long[] shape() {
            long[] shape = new long[row.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = row.get("shape").get(i).asLong();
            }
            return shape;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Expected> numpyFiles() throws IOException {
        JsonNode root = new ObjectMapper().readTree(DIR.resolve("expected.json").toFile());
        List<Expected> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            rows.add(new Expected(e.getKey(), e.getValue()));
        }
        return rows.stream();
    }

    static String md5(NpyArray array) {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            digest.update(array.data().asSlice(0, array.byteSize()).asByteBuffer());
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("numpyFiles")
    void readsWhatNumpyWrote(Expected expected) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            for (NpyArray array : List.of(NpyFile.read(expected.path(), arena), NpyFile.map(expected.path(), arena))) {
                assertEquals(expected.row().get("dtype").asText(), array.dtype().descr, "dtype");
                assertArrayEquals(expected.shape(), array.shape(), "shape");
                assertEquals(expected.row().get("fortran_order").asBoolean(), array.fortranOrder(), "fortran_order");
                assertEquals(expected.row().get("data_bytes").asLong(), array.byteSize());
                assertEquals(expected.row().get("data_md5").asText(), md5(array), "data of " + expected);
                if (expected.row().has("value_at_1_2") && array.dtype() != NpyDtype.INT64) {
                    LabelMap labels = array.toLabelMap();
                    assertEquals(expected.row().get("value_at_1_2").asLong(), labels.get(1, 2), "[1, 2] of " + expected);
                }
            }
            NpyHeader header = NpyFile.readHeader(expected.path());
            assertEquals(expected.row().get("version").get(0).asInt(), header.majorVersion(), "format version");
            assertEquals(0, header.dataOffset() % 64, "numpy aligns data to 64 bytes");
        }
    }

    /** np.save and NpyFile.write give the same bytes for the same array. */
    @ParameterizedTest
    @MethodSource("numpyFiles")
    void writesTheBytesNumpyWrites(Expected expected, @TempDir Path dir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            NpyArray array = NpyFile.read(expected.path(), arena);
            Path copy = dir.resolve(expected.file());
            NpyFile.write(copy, array);
            if (expected.row().get("version").get(0).asInt() == 1 && !expected.file().startsWith("named_dtype")) {
                assertArrayEquals(Files.readAllBytes(expected.path()), Files.readAllBytes(copy), expected.file());
            } else {
                NpyArray back = NpyFile.read(copy, arena);
                assertEquals(md5(array), md5(back));
                assertEquals(1, NpyFile.readHeader(copy).majorVersion());
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(copy), left.toList(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void unsupportedDtypesFailNamingFileAndDtype() {
        try (Arena arena = Arena.ofConfined()) {
            Path bigEndian = DIR.resolve("bad_big_endian_u2.npy");
            IOException e = assertThrows(IOException.class, () -> NpyFile.read(bigEndian, arena));
            assertTrue(e.getMessage().startsWith("cannot read " + bigEndian + ": big-endian dtype '>u2'"), e.getMessage());
            Path object = DIR.resolve("bad_object.npy");
            e = assertThrows(IOException.class, () -> NpyFile.read(object, arena));
            assertTrue(e.getMessage().startsWith("cannot read " + object + ": dtype '|O' is not supported: object"),
                    e.getMessage());
        }
    }

    @Test
    void aHugeShapeIsRefusedFromTheHeaderBeforeAnyAllocation(@TempDir Path dir) throws IOException {
        // 10^15 bytes declared by a 70-byte file: the shape is checked against the file's size first
        Path file = Files.write(dir.resolve("huge.npy"),
                header("{'descr': '|u1', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", 8));
        try (Arena arena = Arena.ofConfined()) {
            for (Executable call : List.<Executable>of(() -> NpyFile.read(file, arena), () -> NpyFile.map(file, arena))) {
                IOException thrown = assertThrows(IOException.class, call);
                assertTrue(thrown.getMessage().startsWith("cannot read " + file + ": truncated: shape [100000, 100000, 100000]"
                        + " of |u1 needs 1000000000000000 data bytes but the file has 8"), thrown.getMessage());
            }
        }
    }

    @Test
    void damagedFilesFailNamingTheFile(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(DIR.resolve("labels_u2.npy"));
        Map<String, byte[]> damaged = Map.of(
                "truncated data", Arrays.copyOf(good, good.length - 1),
                "truncated header", Arrays.copyOf(good, 40),
                "no magic", "just text, not numpy".getBytes(StandardCharsets.US_ASCII),
                "version 4", patch(good, 6, new byte[]{4}),
                "extra key", header("{'descr': '<u2', 'fortran_order': False, 'shape': (1,), 'x': 1, }", 2),
                "missing key", header("{'descr': '<u2', 'shape': (1,), }", 2),
                "negative dimension", header("{'descr': '<u2', 'fortran_order': False, 'shape': (-1,), }", 2),
                "structured", header("{'descr': [('a', '<u2')], 'fortran_order': False, 'shape': (1,), }", 2),
                "not a literal", header("{'descr': '<u2', 'fortran_order': maybe, 'shape': (1,), }", 2));
        try (Arena arena = Arena.ofConfined()) {
            for (Map.Entry<String, byte[]> e : damaged.entrySet()) {
                Path file = Files.write(dir.resolve(e.getKey().replace(' ', '_') + ".npy"), e.getValue());
                IOException thrown = assertThrows(IOException.class, () -> NpyFile.read(file, arena), e.getKey());
                assertTrue(thrown.getMessage().startsWith("cannot read " + file + ": "), thrown.getMessage());
            }
            Path missing = dir.resolve("missing.npy");
            IOException thrown = assertThrows(IOException.class, () -> NpyFile.map(missing, arena));
            assertTrue(thrown.getMessage().startsWith("cannot read " + missing + ": "), thrown.getMessage());
        }
    }

    @Test
    void acceptsPython2StyleAndUnpaddedHeaders(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("old.npy"),
                header("{'descr':'<i4','fortran_order':False,'shape':(2L,1L)}", 8));
        try (Arena arena = Arena.ofConfined()) {
            NpyArray array = NpyFile.read(file, arena);
            assertEquals(NpyDtype.INT32, array.dtype());
            assertArrayEquals(new long[]{2, 1}, array.shape());
        }
    }

    @Test
    void refusesToWriteMoreThanTheSegmentHolds(@TempDir Path dir) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(11);
            assertThrows(IllegalArgumentException.class,
                    () -> NpyFile.write(dir.resolve("x.npy"), NpyDtype.UINT16, new long[]{2, 3}, false, data));
            assertThrows(IllegalArgumentException.class,
                    () -> NpyFile.write(dir.resolve("x.npy"), NpyDtype.UINT8, new long[65], false, data));
        }
    }

    /** numpy loads what segpack writes: every dtype, both orders, 0-d, empty and 3-D shapes. */
    @Test
    void numpyReadsWhatSegpackWrites(@TempDir Path dir) throws Exception {
        Python python = Python.require("numpy");
        String script = """
                import sys, hashlib, numpy as np
                for path in sys.argv[1:]:
                    a = np.load(path)
                    fortran = a.flags.f_contiguous and not a.flags.c_contiguous
                    data = a.tobytes(order='F' if fortran else 'C')
                    print(a.dtype.str, list(a.shape), fortran, hashlib.md5(data).hexdigest())
                """;
        long[][] shapes = {{}, {0, 4}, {7}, {3, 5}, {2, 3, 4}};
        List<String> files = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            java.util.Random random = new java.util.Random(3);
            for (NpyDtype dtype : NpyDtype.values()) {
                for (long[] shape : shapes) {
                    for (boolean fortran : new boolean[]{false, true}) {
                        long count = NpyHeader.elementCount(shape);
                        MemorySegment data = arena.allocate(Math.max(1, count * dtype.itemSize));
                        fillValid(data, dtype, count, random);
                        NpyArray array = new NpyArray(dtype, shape, fortran, data);
                        Path file = dir.resolve(files.size() + "_" + dtype + ".npy");
                        NpyFile.write(file, array);
                        files.add(file.toString());
                        // numpy calls a 0-d, 1-d or empty array both C and F contiguous: it reports C
                        boolean reportedFortran = fortran && shape.length > 1 && count > 0
                                && Arrays.stream(shape).filter(d -> d > 1).count() > 1;
                        expected.add(dtype.descr + " " + Arrays.toString(shape) + " "
                                + (reportedFortran ? "True" : "False") + " " + md5(array));
                    }
                }
            }
        }
        List<String> loaded = python.run(script, files.toArray(String[]::new)).strip().lines().toList();
        assertEquals(files.size(), loaded.size(), "one line per file");
        for (int i = 0; i < files.size(); i++) {
            assertEquals(expected.get(i), loaded.get(i), "numpy loading " + files.get(i));
        }
    }

    /** Random bytes, except bool (numpy only has 0 and 1) and floats (any bit pattern round-trips, NaNs too). */
    private static void fillValid(MemorySegment data, NpyDtype dtype, long count, java.util.Random random) {
        for (long i = 0; i < count * dtype.itemSize; i++) {
            byte value = dtype == NpyDtype.BOOL ? (byte) random.nextInt(2) : (byte) random.nextInt();
            data.set(ValueLayout.JAVA_BYTE, i, value);
        }
    }

    private static byte[] patch(byte[] bytes, int offset, byte[] replacement) {
        byte[] out = bytes.clone();
        System.arraycopy(replacement, 0, out, offset, replacement.length);
        return out;
    }

    /** A version 1.0 file with this header text (newline-terminated) followed by {@code dataBytes} zero bytes. */
    private static byte[] header(String dict, int dataBytes) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[10 + text.length + dataBytes];
        byte[] prefix = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)};
        System.arraycopy(prefix, 0, out, 0, 10);
        System.arraycopy(text, 0, out, 10, text.length);
        return out;
    }
}
