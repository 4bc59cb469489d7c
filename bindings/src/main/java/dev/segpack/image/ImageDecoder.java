package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * Reads an image file as cv2.imread(path, IMREAD_COLOR) would: BGR, uint8, h×w×3, EXIF orientation
 * applied. The format is taken from the file's first bytes ({@link ImageFile}), not its name: JPEG and
 * PNG are supported.
 *
 * <p>An instance keeps one {@link JpegDecoder} (native state) and is not thread-safe: open one per
 * thread and close it. {@link #readBgr(Path, Arena)} opens and closes one per call, so it is safe from
 * any thread.
 */
public final class ImageDecoder implements AutoCloseable {

    private final JpegDecoder jpeg;

    private ImageDecoder(JpegDecoder jpeg) {
        this.jpeg = jpeg;
    }

    /** A decoder using the JPEG backend {@link JpegDecoder#open()} picks. */
    public static ImageDecoder open() {
        return new ImageDecoder(JpegDecoder.open());
    }

    public static ImageDecoder open(JpegBackend backend) {
        return new ImageDecoder(JpegDecoder.open(backend));
    }

    /** One-shot decode of {@code path} into {@code arena}; thread-safe. */
    public static Image readBgr(Path path, Arena arena) throws IOException {
        try (ImageDecoder decoder = open()) {
            return decoder.decodeBgr(path, arena);
        }
    }

    public JpegBackend jpegBackend() {
        return jpeg.backend();
    }

    /** Decodes {@code path} into a new BGR image allocated in {@code arena}. */
    public Image decodeBgr(Path path, Arena arena) throws IOException {
        try (Arena file = Arena.ofConfined()) {
            return decodeBgr(ImageFile.read(path, file), arena);
        }
    }

    /** Decodes a file already in memory into a new BGR image allocated in {@code arena}. */
    public Image decodeBgr(ImageFile file, Arena arena) throws IOException {
        return switch (file.kind()) {
            case JPEG -> jpeg.decodeBgr(file.bytes(), arena, file.source());
            case PNG -> PngDecoder.of(file).bgr(arena);
        };
    }

    /**
     * Decodes a file already in memory into {@code dst}, which must hold the h·w·3 bytes of the
     * {@link #bgrSize} image, and returns the image viewing it (a caller that decodes many files reuses one
     * segment; a new one would be zeroed first).
     */
    public Image decodeBgr(ImageFile file, MemorySegment dst) throws IOException {
        return switch (file.kind()) {
            case JPEG -> jpeg.decodeBgr(file.bytes(), dst, file.source());
            case PNG -> {
                try (Arena scratch = Arena.ofConfined()) {
                    Image png = PngDecoder.of(file).bgr(scratch);
                    if (dst.byteSize() < png.data().byteSize()) {
                        throw new IllegalArgumentException("destination of " + dst.byteSize() + " bytes is too small for "
                                + file.source() + ", which decodes to " + png.data().byteSize() + " bytes");
                    }
                    MemorySegment.copy(png.data(), 0, dst, 0, png.data().byteSize());
                    yield new Image(dst, png.h(), png.w(), png.format(), png.sampleType());
                }
            }
        };
    }

    /**
     * {height, width} of the image {@link #decodeBgr} would return (EXIF orientation applied), read from
     * the headers without decoding the pixels.
     */
    public int[] bgrSize(ImageFile file) throws IOException {
        return switch (file.kind()) {
            case PNG -> PngDecoder.of(file).bgrSize();
            case JPEG -> {
                JpegHeader header = jpeg.readHeader(file.bytes(), file.source());
                yield new int[] {header.h(), header.w()};
            }
        };
    }

    @Override
    public void close() {
        jpeg.close();
    }
}
