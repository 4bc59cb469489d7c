package dev.segpack.npy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyHeaderTest {

    @Provide
    Arbitrary<long[]> shapes() {
        return Arbitraries.longs().between(0, 1L << 40).array(long[].class).ofMaxSize(NpyFile.MAX_DIMENSIONS)
                .filter(shape -> {
                    try {
                        Math.multiplyExact(NpyHeader.elementCount(shape), 8L);
                        return true;
                    } catch (IllegalArgumentException | ArithmeticException e) {
                        return false;
                    }
                });
    }

    /** Any header segpack writes is 64-byte aligned, version 1.0, and parses back to the same array description. */
    @Property(tries = 200)
    void headersRoundTrip(@ForAll("shapes") long[] shape, @ForAll NpyDtype dtype, @ForAll boolean fortran)
            throws IOException {
        byte[] header = NpyFile.header(dtype, shape, fortran);
        assertEquals(0, header.length % 64);
        assertEquals('\n', header[header.length - 1]);
        Path file = Files.createTempFile("segpack-header", ".npy");
        try {
            // a header alone describes an empty array only; for the others check the header, not the data
            Files.write(file, header);
            if (NpyHeader.elementCount(shape) == 0) {
                NpyHeader parsed = NpyFile.readHeader(file);
                assertEquals(dtype, parsed.dtype());
                assertArrayEquals(shape, parsed.shape());
                assertEquals(fortran, parsed.fortranOrder());
                assertEquals(header.length, parsed.dataOffset());
            } else {
                IOException e = assertThrows(IOException.class, () -> NpyFile.readHeader(file));
                assertTrue(e.getMessage().contains("truncated: shape"), e.getMessage());
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 50)
    void smallArraysRoundTripThroughFiles(@ForAll @Size(max = 4) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 6) Integer> dims,
                                          @ForAll NpyDtype dtype, @ForAll boolean fortran) throws IOException {
        long[] shape = dims.stream().mapToLong(Integer::longValue).toArray();
        long bytes = NpyHeader.elementCount(shape) * dtype.itemSize;
        Path file = Files.createTempFile("segpack-array", ".npy");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(Math.max(1, bytes));
            for (long i = 0; i < bytes; i++) {
                data.set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
            }
            NpyFile.write(file, dtype, shape, fortran, data);
            NpyArray back = NpyFile.read(file, arena);
            assertArrayEquals(shape, back.shape());
            assertEquals(-1, MemorySegment.mismatch(data, 0, bytes, back.data(), 0, back.byteSize()));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void dtypeNamesNumpyAccepts() {
        assertEquals(NpyDtype.UINT8, NpyDtype.fromDescr("|u1"));
        assertEquals(NpyDtype.UINT8, NpyDtype.fromDescr("uint8"));
        assertEquals(NpyDtype.UINT8, NpyDtype.fromDescr("B"));
        assertEquals(NpyDtype.UINT8, NpyDtype.fromDescr(">u1"), "byte order is moot for one byte");
        assertEquals(NpyDtype.UINT16, NpyDtype.fromDescr("<u2"));
        assertEquals(NpyDtype.INT32, NpyDtype.fromDescr("=i4"));
        assertEquals(NpyDtype.FLOAT32, NpyDtype.fromDescr("float32"));
        assertEquals(NpyDtype.BOOL, NpyDtype.fromDescr("|b1"));
        assertEquals(NpyDtype.BOOL, NpyDtype.fromDescr("?"));
        for (String bad : List.of(">u2", "|O", "<U3", "|S5", "<c8", "<M8[ns]", "<l", "u3", "")) {
            assertThrows(IllegalArgumentException.class, () -> NpyDtype.fromDescr(bad), bad);
        }
    }
}
