package dev.segpack.image;

import dev.segpack.engine.mask.PixelLimit;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes JPEG to BGR bytes exactly as cv2.imread(path, IMREAD_COLOR) does: interleaved B,G,R,
 * row-major h×w×3, grayscale replicated to three channels, and the EXIF orientation applied.
 *
 * <p>With libjpeg-turbo (ISLOW DCT, fancy upsampling: cv2's settings) the bytes are identical to
 * OpenCV's on Debian. When the library is missing, {@link #open()} falls back to ImageIO and logs one
 * warning per JVM. The system property {@value #BACKEND_PROPERTY} ({@code auto}, {@code turbojpeg},
 * {@code imageio}) forces a backend, e.g. to test the fallback.
 *
 * <p>A decoder holds native decoder state and is <em>not</em> thread-safe: use one instance per thread
 * (or per task) and close it. Recoverable data warnings (e.g. a truncated file) still return the image,
 * as cv2.imread does, and are logged. Before any decoding, a size over the {@link PixelLimit} is refused,
 * and so is a sequential JPEG with fewer bytes than its declared size needs ({@link JpegFrame}).
 */
public abstract sealed class JpegDecoder implements AutoCloseable permits TurboJpegDecoder, ImageIoJpegDecoder {

    public static final String BACKEND_PROPERTY = "segpack.jpeg.backend";
    static final System.Logger LOG = System.getLogger(JpegDecoder.class.getName());
    private static final AtomicBoolean FALLBACK_WARNED = new AtomicBoolean();

    JpegDecoder() {
    }

    /** The backend chosen by {@value #BACKEND_PROPERTY}; by default libjpeg-turbo when it loads, else ImageIO. */
    public static JpegDecoder open() {
        String choice = System.getProperty(BACKEND_PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "auto", "" -> {
                if (turboJpegUnavailableReason().isEmpty()) {
                    yield new TurboJpegDecoder();
                }
                if (FALLBACK_WARNED.compareAndSet(false, true)) {
                    LOG.log(System.Logger.Level.WARNING, "decoding JPEG with ImageIO, which is slower than libjpeg-turbo"
                            + " and not byte-identical to cv2.imread, because "
                            + turboJpegUnavailableReason().orElseThrow());
                }
                yield new ImageIoJpegDecoder();
            }
            case "turbojpeg" -> open(JpegBackend.TURBOJPEG);
            case "imageio" -> open(JpegBackend.IMAGEIO);
            default -> throw new IllegalArgumentException(
                    BACKEND_PROPERTY + " is '" + choice + "'; expected auto, turbojpeg or imageio");
        };
    }

    /** A decoder of exactly this backend; {@link IllegalStateException} when libjpeg-turbo is asked for but missing. */
    public static JpegDecoder open(JpegBackend backend) {
        return switch (backend) {
            case TURBOJPEG -> new TurboJpegDecoder();
            case IMAGEIO -> new ImageIoJpegDecoder();
        };
    }

    /**
     * Starts loading libjpeg-turbo on a daemon thread, for a caller about to decode: binding its calls spins
     * classes at run time, tens of milliseconds that then overlap the caller's other work (the rest of its
     * start-up, reading its index) instead of holding up the first decode. Harmless when the library is missing
     * or unused.
     */
    public static void loadInBackground() {
        Thread.ofPlatform().daemon().name("segpack-turbojpeg-load").start(TurboJpeg::unavailableReason);
    }

    /** Why libjpeg-turbo cannot be used, or empty when it can. */
    public static Optional<String> turboJpegUnavailableReason() {
        return Optional.ofNullable(TurboJpeg.unavailableReason());
    }

    public abstract JpegBackend backend();

    /**
     * Size and orientation of the decoded image, read from the headers only. {@code source} names the
     * data in error messages (usually its file).
     */
    public final JpegHeader readHeader(MemorySegment jpeg, String source) throws IOException {
        JpegHeader stored = checkedStoredHeader(jpeg, source);
        int orientation = ExifOrientation.fromJpeg(jpeg);
        return Orientations.swapsAxes(orientation)
                ? new JpegHeader(stored.w(), stored.h(), orientation)
                : new JpegHeader(stored.h(), stored.w(), orientation);
    }

    /** Decodes into a new BGR image allocated in {@code arena}. */
    public final Image decodeBgr(MemorySegment jpeg, Arena arena, String source) throws IOException {
        checkedStoredHeader(jpeg, source);
        int orientation = ExifOrientation.fromJpeg(jpeg);
        if (orientation == ExifOrientation.NORMAL) {
            return decodeStored(jpeg, source, arena);
        }
        try (Arena scratch = Arena.ofConfined()) {
            Image stored = decodeStored(jpeg, source, scratch);
            Image out = orientedAllocation(stored, orientation, arena);
            Orientations.apply(stored.data(), stored.h(), stored.w(), 3, orientation, out.data());
            return out;
        }
    }

    /**
     * Decodes into {@code dst}, which must hold at least {@link JpegHeader#bgrBytes()} bytes, and returns
     * the image viewing it.
     */
    public final Image decodeBgr(MemorySegment jpeg, MemorySegment dst, String source) throws IOException {
        checkedStoredHeader(jpeg, source);
        int orientation = ExifOrientation.fromJpeg(jpeg);
        if (orientation == ExifOrientation.NORMAL) {
            return decodeStored(jpeg, source, into(dst, source));
        }
        try (Arena scratch = Arena.ofConfined()) {
            Image stored = decodeStored(jpeg, source, scratch);
            Image out = orientedAllocation(stored, orientation, into(dst, source));
            Orientations.apply(stored.data(), stored.h(), stored.w(), 3, orientation, out.data());
            return out;
        }
    }

    @Override
    public abstract void close();

    /** Header as stored, orientation 1. */
    abstract JpegHeader readStoredHeader(MemorySegment jpeg, String source) throws IOException;

    /** Decodes without applying orientation into a BGR segment taken from {@code allocator} once the size is known. */
    abstract Image decodeStored(MemorySegment jpeg, String source, SegmentAllocator allocator) throws IOException;

    /**
     * The stored header, refused when its size is over the {@link PixelLimit} or more than the file's
     * bytes can code ({@link JpegFrame#minimumBytes}): nothing of the image's size is allocated before.
     */
    /**
     * The stored size, after the frame header as libjpeg finds it has been checked against the pixel
     * limit and the file's size, before a decoder sees the data: without that order ImageIO, which
     * finds frames libjpeg does not, spent seconds and gigabytes on a 35-byte file (found by fuzzing).
     */
    private JpegHeader checkedStoredHeader(MemorySegment jpeg, String source) throws IOException {
        Optional<JpegFrame> frame = JpegFrame.find(jpeg);
        if (frame.isEmpty()) {
            throw failure(source, "no frame header (SOF) before the first scan or the end of the data, as libjpeg"
                    + " reads the markers");
        }
        Optional<String> excess = PixelLimit.excess(frame.get().h(), frame.get().w());
        if (excess.isPresent()) {
            throw failure(source, "the frame header (SOF) declares " + excess.get());
        }
        if (frame.get().minimumBytes() > jpeg.byteSize()) {
            throw failure(source, "the file has " + jpeg.byteSize() + " bytes, fewer than the "
                    + frame.get().minimumBytes() + " any sequential JPEG of " + frame.get().w() + "x" + frame.get().h()
                    + " (w x h) holds (truncated?)");
        }
        JpegHeader stored = readStoredHeader(jpeg, source);
        if (stored.h() != frame.get().h() || stored.w() != frame.get().w()) {
            throw failure(source, "the decoder reads " + stored.w() + "x" + stored.h() + " (w x h) where the frame"
                    + " header says " + frame.get().w() + "x" + frame.get().h());
        }
        return stored;
    }

    static IOException failure(String source, String reason) {
        return new IOException("cannot decode " + source + ": " + reason);
    }

    private static Image orientedAllocation(Image stored, int orientation, SegmentAllocator allocator) {
        int h = Orientations.swapsAxes(orientation) ? stored.w() : stored.h();
        int w = Orientations.swapsAxes(orientation) ? stored.h() : stored.w();
        return new Image(allocator.allocate(stored.byteSize(), 64), h, w, PixelFormat.BGR, SampleType.UINT8);
    }

    /** An allocator that hands out the front of {@code dst}, refusing sizes it cannot hold. */
    private static SegmentAllocator into(MemorySegment dst, String source) {
        return (byteSize, alignment) -> {
            if (byteSize > dst.byteSize()) {
                throw new IllegalArgumentException("destination of " + dst.byteSize() + " bytes is too small for "
                        + source + ", which decodes to " + byteSize + " bytes");
            }
            return dst.asSlice(0, byteSize);
        };
    }
}
