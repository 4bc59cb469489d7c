package dev.segpack.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.cityscapes.CityscapesFormatException;
import dev.segpack.cityscapes.PolygonsJson;
import dev.segpack.coco.Segmentation;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.image.Image;
import dev.segpack.image.ImageFile;
import dev.segpack.image.JpegBackend;
import dev.segpack.image.JpegDecoder;
import dev.segpack.image.JpegHeader;
import dev.segpack.image.PngDecoder;
import dev.segpack.io.Json;
import dev.segpack.npy.NpyFile;
import dev.segpack.skeleton.PickleFormatException;
import dev.segpack.skeleton.PickleReader;
import dev.segpack.skeleton.PickleWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32;

/**
 * Fuzz targets for every parser of untrusted input. Each one states the contract a user relies on:
 * bad input is refused with the parser's own exception and a message, never another exception, a
 * hang or an allocation the input does not justify; good input round-trips where that is defined.
 *
 * <p>{@code ./segpack test} replays the committed corpus (src/test/resources/dev/segpack/fuzz/
 * ParserFuzzTestInputs/&lt;target&gt;/) once each, in a JVM of its own (bindings/pom.xml). To fuzz
 * one target for Jazzer's default five minutes: {@code JAZZER_FUZZ=1 mvn -B -ntp -pl engine,bindings -am
 * test -Dtest='ParserFuzzTest#png' -Dsurefire.failIfNoSpecifiedTests=false}; the inputs it finds go to
 * bindings/.cifuzz-corpus (not committed), a crashing input beside the committed corpus as crash-*,
 * which from then on replays as a regression test.
 */
class ParserFuzzTest {

    /** The COCO counts string codec: decode refuses malformed strings; what it accepts encodes back to itself. */
    @FuzzTest
    void rleString(FuzzedDataProvider data) {
        int h = data.consumeInt(0, 64);
        int w = data.consumeInt(0, 64);
        String counts = data.consumeRemainingAsAsciiString();
        Rle rle;
        try {
            rle = RleString.decode(h, w, counts);
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        Rle again = RleString.decode(h, w, RleString.encode(rle));
        assertArrayEquals(rle.counts(), again.counts());
    }

    /**
     * A Cityscapes polygons file: the byte scanner's frame, or Jackson's reading of what the scanner does not
     * take; anything that is not a frame is a {@link CityscapesFormatException} naming the file.
     */
    @FuzzTest
    void cityscapesPolygons(byte[] json) throws IOException {
        Path file = Path.of("fuzz_gtFine_polygons.json");
        try {
            PolygonsJson.Frame frame = PolygonsJson.read(json, file);
            assertTrue(frame.h() > 0 && frame.w() > 0, "a frame's size is positive");
            assertNotNull(frame.objects());
        } catch (CityscapesFormatException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        }
    }

    /** A COCO segmentation value (polygons, uncompressed or compressed RLE) from arbitrary JSON. */
    @FuzzTest
    void cocoSegmentation(byte[] json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                return;
            }
            assertNotNull(Segmentation.parse(p));
        } catch (IOException | IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    /**
     * Polygon rasterisation: finite coordinates give a mask of the image's size, in time that depends on
     * the part inside the image (vertices anywhere up to ±1.8e308 are generated); NaN, ∞ and
     * coordinates beyond rleFrPoly's integer range are refused.
     */
    @FuzzTest
    void polygon(FuzzedDataProvider data) {
        int h = data.consumeInt(0, 48);
        int w = data.consumeInt(0, 48);
        double[] xy = new double[data.consumeInt(0, 40)];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = data.consumeBoolean() ? data.consumeDouble() : data.consumeRegularDouble(-200, 200);
        }
        try {
            Rle rle = MaskApi.frPoly(xy, h, w);
            assertEquals((long) h * w, rle.pixels());
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    /**
     * The PNG decoder on arbitrary bytes behind a PNG signature: an IOException naming the problem, or
     * pixels. For odd-length inputs the chunk CRCs are recomputed first, so that the fuzzer reaches
     * the decoding behind the CRC check instead of stopping at it.
     */
    @FuzzTest
    void png(byte[] bytes) throws IOException {
        if ((bytes.length & 1) == 1) {
            fixChunkCrcs(bytes);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment file = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, file, ValueLayout.JAVA_BYTE, 0, bytes.length);
            ImageFile png = new ImageFile(Path.of("fuzz.png"), file.asSlice(0, bytes.length), ImageFile.Kind.PNG);
            try {
                PngDecoder decoder = PngDecoder.of(png);
                assertNotNull(decoder.colours(arena));
            } catch (IOException e) {
                assertNotNull(e.getMessage());
            }
        }
    }

    /**
     * The JPEG decoder on arbitrary bytes: an IOException naming the problem, or BGR pixels as many as
     * the frame header declares. Even-length inputs go to libjpeg-turbo (when it loads), odd-length ones
     * to the ImageIO fallback, so both backends' failures are ours to translate.
     * Native decoding is slower per input than the pure-Java targets, so it fuzzes for longer by default.
     */
    @FuzzTest(maxDuration = "30m")
    void jpeg(byte[] bytes) throws IOException {
        JpegDecoder decoder = (bytes.length & 1) == 0 && Decoders.TURBO != null ? Decoders.TURBO : Decoders.IMAGEIO;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment file = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, file, ValueLayout.JAVA_BYTE, 0, bytes.length);
            MemorySegment jpeg = file.asSlice(0, bytes.length);
            try {
                JpegHeader header = decoder.readHeader(jpeg, "fuzz.jpg");
                Image image = decoder.decodeBgr(jpeg, arena, "fuzz.jpg");
                assertEquals((long) header.h() * header.w(), (long) image.h() * image.w());
            } catch (IOException e) {
                assertNotNull(e.getMessage());
            }
        }
    }

    /**
     * One decoder per backend for the whole run (opening one per input cost most of the time), open
     * until the fuzzing JVM exits; their warnings about damaged input are silenced, as printing them
     * would.
     */
    private static final class Decoders {
        static final Logger IMAGE_LOG = Logger.getLogger("dev.segpack.image");
        static final JpegDecoder TURBO;
        static final JpegDecoder IMAGEIO = JpegDecoder.open(JpegBackend.IMAGEIO);

        static {
            IMAGE_LOG.setLevel(Level.OFF);
            TURBO = JpegDecoder.turboJpegUnavailableReason().isEmpty() ? JpegDecoder.open(JpegBackend.TURBOJPEG) : null;
        }
    }

    /**
     * A .npy file: its header and data are checked against each other and the file's size. The
     * reader takes a path, so each input is written to one scratch file first, which makes this target
     * slower than the others: it fuzzes for longer by default.
     */
    @FuzzTest(maxDuration = "15m")
    void npy(byte[] bytes) throws IOException {
        Files.write(NpyScratch.FILE, bytes);
        try (Arena arena = Arena.ofConfined()) {
            assertNotNull(NpyFile.read(NpyScratch.FILE, arena));
        } catch (IOException | IllegalArgumentException e) {
            assertNotNull(e.getMessage());
        }
    }

    /** The npy target's one file, rewritten per input and removed when the fuzzing JVM exits. */
    private static final class NpyScratch {
        static final Path FILE;

        static {
            try {
                FILE = Files.createTempFile("segpack-fuzz", ".npy");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            FILE.toFile().deleteOnExit();
        }
    }

    /**
     * A pickle: refused with {@link PickleFormatException} and a message (a global off the whitelist,
     * a length past the end, a bomb), or read; what is read writes back to a pickle that reads to the
     * same content.
     */
    @FuzzTest
    void pickle(byte[] bytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Object content;
            try {
                content = PickleReader.read(bytes, "fuzz.pkl", arena);
            } catch (PickleFormatException e) {
                assertNotNull(e.getMessage());
                return;
            }
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            PickleWriter.write(written, content, 4);
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            PickleWriter.write(again, PickleReader.read(written.toByteArray(), "rewritten.pkl", arena), 4);
            assertArrayEquals(written.toByteArray(), again.toByteArray());
        }
    }

    /** Rewrites the CRC of every complete chunk after the 8-byte signature. */
    private static void fixChunkCrcs(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png);
        int at = 8;
        while (at + 12 <= png.length) {
            long length = Integer.toUnsignedLong(b.getInt(at));
            if (length > png.length - at - 12) {
                return;
            }
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, (int) length + 4);
            b.putInt(at + 8 + (int) length, (int) crc.getValue());
            at += 12 + (int) length;
        }
    }
}
