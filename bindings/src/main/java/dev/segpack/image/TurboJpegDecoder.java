package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;

/** JPEG decoding through libjpeg-turbo; owns one tjhandle, so one thread at a time. */
final class TurboJpegDecoder extends JpegDecoder {

    /** cv2.imread's settings: ISLOW DCT and fancy upsampling are TurboJPEG's defaults when no flag is set. */
    private static final int FLAGS = 0;

    private final TurboJpeg library;
    /** width, height, subsampling, colorspace as tjDecompressHeader3 writes them. */
    private final MemorySegment headerFields = Arena.ofAuto().allocate(ValueLayout.JAVA_INT, 4);
    private MemorySegment handle;

    TurboJpegDecoder() {
        library = TurboJpeg.library();
        handle = library.initDecompress();
        if (handle.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("tjInitDecompress failed: " + library.errorString(MemorySegment.NULL));
        }
    }

    @Override
    public JpegBackend backend() {
        return JpegBackend.TURBOJPEG;
    }

    @Override
    JpegHeader readStoredHeader(MemorySegment jpeg, String source) throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            readHeaderFields(nativeCopy(jpeg, scratch), source);
            return new JpegHeader(field(1), field(0), ExifOrientation.NORMAL);
        }
    }

    @Override
    Image decodeStored(MemorySegment jpeg, String source, SegmentAllocator allocator) throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment input = nativeCopy(jpeg, scratch);
            readHeaderFields(input, source);
            int w = field(0);
            int h = field(1);
            int colorspace = field(3);
            if (colorspace == TurboJpeg.TJCS_CMYK || colorspace == TurboJpeg.TJCS_YCCK) {
                throw failure(source, "CMYK/YCCK JPEG is not supported");
            }
            long bytes = 3L * h * w;
            if (3L * w > Integer.MAX_VALUE) {
                throw failure(source, "a " + w + " pixel wide row does not fit libjpeg-turbo's int pitch");
            }
            MemorySegment dst = allocator.allocate(Math.max(1, bytes), 64);
            MemorySegment target = dst.isNative() ? dst : scratch.allocate(Math.max(1, bytes), 64);
            int rc = library.decompress2(checkedHandle(), input, target, w, 3 * w, h, TurboJpeg.TJPF_BGR, FLAGS);
            if (rc != 0) {
                warnOrThrow(source);
            }
            if (target != dst) {
                MemorySegment.copy(target, 0, dst, 0, bytes);
            }
            return new Image(dst, h, w, PixelFormat.BGR, SampleType.UINT8);
        }
    }

    @Override
    public void close() {
        if (handle != null) {
            library.destroy(handle);
            handle = null;
        }
    }

    private void readHeaderFields(MemorySegment input, String source) throws IOException {
        if (library.decompressHeader3(checkedHandle(), input, headerFields) != 0) {
            warnOrThrow(source);
        }
        if (field(0) <= 0 || field(1) <= 0) {
            throw failure(source, "JPEG header gives size " + field(0) + "x" + field(1));
        }
    }

    /** A data warning keeps the (partly) decoded image, as libjpeg and cv2.imread do; anything else fails. */
    private void warnOrThrow(String source) throws IOException {
        String message = library.errorString(handle);
        if (library.errorCode(handle) != TurboJpeg.TJERR_WARNING) {
            throw failure(source, message);
        }
        LOG.log(System.Logger.Level.WARNING, "libjpeg-turbo warning for " + source + ": " + message);
    }

    private int field(int index) {
        return headerFields.getAtIndex(ValueLayout.JAVA_INT, index);
    }

    private MemorySegment checkedHandle() {
        if (handle == null) {
            throw new IllegalStateException("this JPEG decoder is closed");
        }
        return handle;
    }

    /** Downcalls take native memory only: heap segments are copied. */
    private static MemorySegment nativeCopy(MemorySegment jpeg, Arena scratch) {
        if (jpeg.isNative()) {
            return jpeg;
        }
        MemorySegment copy = scratch.allocate(Math.max(1, jpeg.byteSize()));
        MemorySegment.copy(jpeg, 0, copy, 0, jpeg.byteSize());
        return copy.asSlice(0, jpeg.byteSize());
    }
}
