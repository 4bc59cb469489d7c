package dev.segpack.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {

    @Test
    void dispatchesOnContentNotName(@TempDir Path dir) throws IOException {
        ImageTestData.Expected jpeg = ImageTestData.expected("jpeg/orientation6.jpg").getFirst();
        ImageTestData.Expected png = ImageTestData.expected("png/rgb8_orientation6.png").getFirst();
        Path jpegNamedPng = Files.copy(jpeg.path(), dir.resolve("really-a-jpeg.png"));
        Path pngNamedJpg = Files.copy(png.path(), dir.resolve("really-a-png.jpg"));
        try (Arena arena = Arena.ofConfined(); ImageDecoder decoder = ImageDecoder.open()) {
            Image fromJpeg = decoder.decodeBgr(jpegNamedPng, arena);
            Image fromPng = decoder.decodeBgr(pngNamedJpg, arena);
            assertEquals(png.bgrMd5(), ImageTestData.md5(fromPng));
            assertEquals(png.h(), fromPng.h());
            if (decoder.jpegBackend() == JpegBackend.TURBOJPEG) {
                assertEquals(jpeg.bgrMd5(), ImageTestData.md5(fromJpeg));
            }
            assertEquals(jpeg.h(), fromJpeg.h());
            assertEquals(jpeg.w(), fromJpeg.w());
        }
    }

    /** The header-only size is the decoded image's, EXIF orientation included, for PNG as for JPEG. */
    @Test
    void bgrSizeIsTheDecodedSize() throws IOException {
        java.util.List<ImageTestData.Expected> all = new java.util.ArrayList<>(ImageTestData.expected("png/"));
        all.addAll(ImageTestData.expected("jpeg/orientation"));
        try (Arena arena = Arena.ofConfined(); ImageDecoder decoder = ImageDecoder.open()) {
            for (ImageTestData.Expected expected : all) {
                int[] size = decoder.bgrSize(ImageFile.read(expected.path(), arena));
                assertEquals(expected.h() + "x" + expected.w(), size[0] + "x" + size[1], expected.file());
            }
        }
    }

    @Test
    void staticReadMatchesCv2(@TempDir Path dir) throws IOException {
        JpegDecoderTest.assumeTurboJpeg();
        ImageTestData.Expected coco = ImageTestData.expected("coco/000000205401.jpg").getFirst();
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(coco.bgrMd5(), ImageTestData.md5(ImageDecoder.readBgr(coco.path(), arena)));
        }
    }

    @Test
    void errorsNameTheFile(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image");
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        Path missing = dir.resolve("missing.jpg");
        Path directory = Files.createDirectory(dir.resolve("folder.jpg"));
        Path truncatedHeader = Files.write(dir.resolve("cut.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        try (Arena arena = Arena.ofConfined(); ImageDecoder decoder = ImageDecoder.open()) {
            for (Path file : new Path[]{text, empty, missing, directory, truncatedHeader}) {
                IOException e = assertThrows(IOException.class, () -> decoder.decodeBgr(file, arena));
                assertTrue(e.getMessage().startsWith("cannot decode " + file + ": "), e.getMessage());
            }
        }
    }
}
