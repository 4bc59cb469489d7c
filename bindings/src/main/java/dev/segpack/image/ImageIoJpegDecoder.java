package dev.segpack.image;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.util.Iterator;

/**
 * JPEG decoding through the JDK's ImageIO, for machines without libjpeg-turbo. Pixels come from the
 * decoded raster's bytes (never getRGB, which would box every pixel through the colour model).
 */
final class ImageIoJpegDecoder extends JpegDecoder {

    private final ImageReader reader;

    ImageIoJpegDecoder() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO JPEG reader");
        }
        reader = readers.next();
    }

    @Override
    public JpegBackend backend() {
        return JpegBackend.IMAGEIO;
    }

    @Override
    JpegHeader readStoredHeader(MemorySegment jpeg, String source) throws IOException {
        try (ImageInputStream in = stream(jpeg)) {
            reader.setInput(in, true, true);
            return new JpegHeader(reader.getHeight(0), reader.getWidth(0), ExifOrientation.NORMAL);
        } catch (IOException | RuntimeException e) {
            throw failure(source, String.valueOf(e.getMessage()), e);
        } finally {
            reader.reset();
        }
    }

    @Override
    Image decodeStored(MemorySegment jpeg, String source, SegmentAllocator allocator) throws IOException {
        BufferedImage decoded;
        try (ImageInputStream in = stream(jpeg)) {
            reader.setInput(in, true, true);
            decoded = reader.read(0);
        } catch (IOException | RuntimeException e) {
            throw failure(source, String.valueOf(e.getMessage()), e);
        } finally {
            reader.reset();
        }
        Raster raster = decoded.getRaster();
        int h = raster.getHeight();
        int w = raster.getWidth();
        long bytes = 3L * h * w;
        MemorySegment dst = allocator.allocate(Math.max(1, bytes), 64);
        copyBgr(decoded, raster, dst, source);
        return new Image(dst, h, w, PixelFormat.BGR, SampleType.UINT8);
    }

    @Override
    public void close() {
        reader.dispose();
    }

    /** Copies an 8-bit RGB or gray raster into interleaved BGR, whatever its band order and strides. */
    private static void copyBgr(BufferedImage image, Raster raster, MemorySegment dst, String source) throws IOException {
        if (!(raster.getSampleModel() instanceof ComponentSampleModel model)
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer) || buffer.getNumBanks() != 1) {
            throw failure(source, "ImageIO decoded an unsupported raster " + raster.getSampleModel());
        }
        int bands = model.getNumBands();
        int colourSpace = image.getColorModel().getColorSpace().getType();
        boolean rgb = bands == 3 && colourSpace == ColorSpace.TYPE_RGB;
        boolean gray = bands == 1 && colourSpace == ColorSpace.TYPE_GRAY;
        if (!rgb && !gray) {
            throw failure(source, "ImageIO decoded " + bands + " bands in colour space type " + colourSpace
                    + "; only RGB and grayscale JPEG are supported");
        }
        int h = raster.getHeight();
        int w = raster.getWidth();
        byte[] data = buffer.getData();
        int pixelStride = model.getPixelStride();
        int scanlineStride = model.getScanlineStride();
        int base = buffer.getOffset()
                - raster.getSampleModelTranslateY() * scanlineStride
                - raster.getSampleModelTranslateX() * pixelStride;
        int[] offsets = model.getBandOffsets();
        // Band i is colour component i (R, G, B); BGR output takes them in reverse.
        int blue = rgb ? offsets[2] : offsets[0];
        int green = rgb ? offsets[1] : offsets[0];
        int red = offsets[0];
        if (rgb && blue == 0 && green == 1 && red == 2 && pixelStride == 3 && scanlineStride == 3 * w) {
            MemorySegment.copy(data, base, dst, ValueLayout.JAVA_BYTE, 0, 3 * h * w);
            return;
        }
        byte[] row = new byte[3 * w];
        for (int y = 0; y < h; y++) {
            int p = base + y * scanlineStride;
            for (int x = 0, o = 0; x < w; x++, p += pixelStride) {
                row[o++] = data[p + blue];
                row[o++] = data[p + green];
                row[o++] = data[p + red];
            }
            MemorySegment.copy(row, 0, dst, ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
        }
    }

    private static ImageInputStream stream(MemorySegment jpeg) {
        return new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg.toArray(ValueLayout.JAVA_BYTE)));
    }

    private static IOException failure(String source, String reason, Exception cause) {
        IOException e = JpegDecoder.failure(source, reason);
        e.initCause(cause);
        return e;
    }
}
