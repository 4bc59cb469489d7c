package dev.segpack.image;

import ar.com.hjg.pngj.ImageInfo;
import ar.com.hjg.pngj.ImageLineByte;
import ar.com.hjg.pngj.ImageLineInt;
import ar.com.hjg.pngj.PngReaderByte;
import ar.com.hjg.pngj.PngWriter;
import ar.com.hjg.pngj.PngjException;
import ar.com.hjg.pngj.chunks.ChunkLoadBehaviour;
import ar.com.hjg.pngj.chunks.PngChunk;
import ar.com.hjg.pngj.chunks.PngChunkPLTE;
import ar.com.hjg.pngj.chunks.PngChunkTRNS;
import ar.com.hjg.pngj.chunks.PngChunkUNKNOWN;

import dev.segpack.io.AtomicOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * PNG reading and writing through PNGJ, pixels off-heap. Reads take any PNG (every colour type, bit
 * depths 1..16, interlaced or not); 16-bit samples come out exact, little-endian.
 */
public final class PngFile {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PngFile() {
    }

    /**
     * The stored samples: GRAY, GRAY_ALPHA, RGB or RGBA as the file holds them, UINT16 for 16-bit files
     * and UINT8 otherwise. Gray samples below 8 bits keep their stored values (a 4-bit label stays 0..15).
     * A palette image is expanded to its colours: RGBA when it has a tRNS chunk, RGB otherwise.
     */
    public static Image read(Path path, Arena arena) throws IOException {
        PngReaderByte reader = open(path, false);
        try {
            ImageInfo info = reader.imgInfo;
            Image image;
            if (info.indexed) {
                image = readPaletteColours(reader, path, arena);
            } else {
                image = Image.allocate(arena, info.rows, info.cols, storedFormat(info),
                        info.bitDepth == 16 ? SampleType.UINT16 : SampleType.UINT8);
                byte[] row = new byte[Math.toIntExact(image.rowBytes())];
                for (int y = 0; y < info.rows; y++) {
                    ImageLineByte line = reader.readRowByte();
                    if (info.bitDepth == 16) {
                        interleaveLittleEndian(line.getScanlineByte(), line.getScanlineByte2(), row);
                    } else {
                        System.arraycopy(line.getScanlineByte(), 0, row, 0, row.length);
                    }
                    MemorySegment.copy(row, 0, image.data(), ValueLayout.JAVA_BYTE, y * image.rowBytes(), row.length);
                }
            }
            reader.end();
            return image;
        } catch (PngjException e) {
            throw failure(path, e);
        } finally {
            reader.close();
        }
    }

    /** The palette indices of an indexed (colour type 3) PNG, one UINT8 GRAY sample per pixel. */
    public static Image readPaletteIndices(Path path, Arena arena) throws IOException {
        PngReaderByte reader = open(path, false);
        try {
            ImageInfo info = reader.imgInfo;
            if (!info.indexed) {
                throw new IOException("cannot read palette indices of " + path + ": it is a "
                        + describe(info) + " PNG, not a palette PNG");
            }
            Image image = Image.allocate(arena, info.rows, info.cols, PixelFormat.GRAY, SampleType.UINT8);
            for (int y = 0; y < info.rows; y++) {
                MemorySegment.copy(reader.readRowByte().getScanlineByte(), 0, image.data(), ValueLayout.JAVA_BYTE,
                        (long) y * info.cols, info.cols);
            }
            reader.end();
            return image;
        } catch (PngjException e) {
            throw failure(path, e);
        } finally {
            reader.close();
        }
    }

    /**
     * BGR bytes as cv2.imread(path, IMREAD_COLOR) returns them: 16-bit samples keep their high byte,
     * gray below 8 bits is scaled to 0..255, gray is replicated, alpha is dropped (not composited),
     * palette indices become their colours, and an eXIf orientation is applied.
     */
    public static Image readBgr(Path path, Arena arena) throws IOException {
        PngReaderByte reader = open(path, true);
        try (Arena scratch = Arena.ofConfined()) {
            ImageInfo info = reader.imgInfo;
            // Decode straight into the result unless an orientation already seen means a re-layout.
            int earlyOrientation = orientation(reader);
            Arena target = earlyOrientation == ExifOrientation.NORMAL ? arena : scratch;
            Image stored = Image.allocate(target, info.rows, info.cols, PixelFormat.BGR, SampleType.UINT8);
            BgrRowConverter converter = BgrRowConverter.of(info, reader.getMetadata().getPLTE());
            byte[] row = new byte[3 * info.cols];
            for (int y = 0; y < info.rows; y++) {
                converter.convert(reader.readRowByte(), row);
                MemorySegment.copy(row, 0, stored.data(), ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
            }
            reader.end(); // reads an eXIf chunk placed after the image data
            int orientation = orientation(reader);
            if (orientation == ExifOrientation.NORMAL) {
                return stored;
            }
            boolean swap = Orientations.swapsAxes(orientation);
            Image out = Image.allocate(arena, swap ? info.cols : info.rows, swap ? info.rows : info.cols,
                    PixelFormat.BGR, SampleType.UINT8);
            Orientations.apply(stored.data(), info.rows, info.cols, 3, orientation, out.data());
            return out;
        } catch (PngjException e) {
            throw failure(path, e);
        } finally {
            reader.close();
        }
    }

    /**
     * Writes GRAY, GRAY_ALPHA, RGB or RGBA images (8 or 16-bit) and BGR images (8-bit, stored as RGB),
     * through a temporary file in the same directory that replaces {@code path} atomically.
     */
    public static void write(Path path, Image image) throws IOException {
        if (image.h() < 1 || image.w() < 1) {
            throw new IllegalArgumentException("cannot write " + path + ": PNG needs at least 1x1 pixels, not "
                    + image.h() + "x" + image.w());
        }
        if (image.format() == PixelFormat.BGR && image.sampleType() != SampleType.UINT8) {
            throw new IllegalArgumentException("cannot write " + path + ": BGR images are written as 8-bit RGB only");
        }
        PixelFormat format = image.format();
        boolean gray = format == PixelFormat.GRAY || format == PixelFormat.GRAY_ALPHA;
        boolean alpha = format == PixelFormat.GRAY_ALPHA || format == PixelFormat.RGBA;
        ImageInfo info = new ImageInfo(image.w(), image.h(), image.sampleType() == SampleType.UINT16 ? 16 : 8,
                alpha, gray, false);
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (OutputStream out = new BufferedOutputStream(target.stream(), 1 << 16)) {
                writeRows(new PngWriter(out, info), image);
            }
            target.commit();
        } catch (PngjException e) {
            throw new IOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static void writeRows(PngWriter writer, Image image) {
        writer.setShouldCloseStream(false);
        int samples = image.w() * image.channels();
        if (image.sampleType() == SampleType.UINT16) {
            ImageLineInt line = new ImageLineInt(writer.imgInfo);
            int[] scanline = line.getScanline();
            short[] row = new short[samples];
            for (int y = 0; y < image.h(); y++) {
                MemorySegment.copy(image.data(), U16, y * image.rowBytes(), row, 0, samples);
                for (int i = 0; i < samples; i++) {
                    scanline[i] = Short.toUnsignedInt(row[i]);
                }
                writer.writeRow(line);
            }
        } else {
            ImageLineByte line = new ImageLineByte(writer.imgInfo);
            byte[] scanline = line.getScanline();
            for (int y = 0; y < image.h(); y++) {
                MemorySegment.copy(image.data(), ValueLayout.JAVA_BYTE, y * image.rowBytes(), scanline, 0, samples);
                if (image.format() == PixelFormat.BGR) {
                    for (int i = 0; i < samples; i += 3) {
                        byte blue = scanline[i];
                        scanline[i] = scanline[i + 2];
                        scanline[i + 2] = blue;
                    }
                }
                writer.writeRow(line);
            }
        }
        writer.end();
    }

    private static Image readPaletteColours(PngReaderByte reader, Path path, Arena arena) throws IOException {
        ImageInfo info = reader.imgInfo;
        PngChunkPLTE plte = reader.getMetadata().getPLTE();
        if (plte == null) {
            throw new IOException("cannot decode " + path + ": palette PNG without a PLTE chunk");
        }
        PngChunkTRNS trns = reader.getMetadata().getTRNS();
        int channels = trns == null ? 3 : 4;
        // Indices past the palette's end read as opaque black, as libpng's zero-filled 256-entry palette gives.
        byte[] lut = new byte[256 * channels];
        int[] rgb = new int[3];
        int[] alphas = trns == null ? new int[0] : trns.getPalletteAlpha();
        for (int i = 0; i < 256; i++) {
            if (i < plte.getNentries()) {
                plte.getEntryRgb(i, rgb);
                lut[i * channels] = (byte) rgb[0];
                lut[i * channels + 1] = (byte) rgb[1];
                lut[i * channels + 2] = (byte) rgb[2];
            }
            if (channels == 4) {
                lut[i * 4 + 3] = (byte) (i < alphas.length ? alphas[i] : 255);
            }
        }
        Image image = Image.allocate(arena, info.rows, info.cols, channels == 4 ? PixelFormat.RGBA : PixelFormat.RGB,
                SampleType.UINT8);
        byte[] row = new byte[info.cols * channels];
        for (int y = 0; y < info.rows; y++) {
            byte[] indices = reader.readRowByte().getScanlineByte();
            for (int x = 0, o = 0; x < info.cols; x++) {
                int entry = Byte.toUnsignedInt(indices[x]) * channels;
                for (int c = 0; c < channels; c++) {
                    row[o++] = lut[entry + c];
                }
            }
            MemorySegment.copy(row, 0, image.data(), ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
        }
        return image;
    }

    private static PngReaderByte open(Path path, boolean loadAllChunks) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new IOException("cannot decode " + path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
        }
        try {
            PngReaderByte reader = new PngReaderByte(path.toFile());
            reader.setMaxTotalBytesRead(Long.MAX_VALUE);
            if (loadAllChunks) {
                reader.setChunkLoadBehaviour(ChunkLoadBehaviour.LOAD_CHUNK_ALWAYS);
            }
            return reader;
        } catch (PngjException e) {
            throw failure(path, e);
        }
    }

    private static int orientation(PngReaderByte reader) {
        for (PngChunk chunk : reader.getChunksList().getById("eXIf")) {
            if (chunk instanceof PngChunkUNKNOWN exif) {
                return ExifOrientation.fromPngExif(MemorySegment.ofArray(exif.getData()));
            }
        }
        return ExifOrientation.NORMAL;
    }

    private static PixelFormat storedFormat(ImageInfo info) {
        if (info.greyscale) {
            return info.alpha ? PixelFormat.GRAY_ALPHA : PixelFormat.GRAY;
        }
        return info.alpha ? PixelFormat.RGBA : PixelFormat.RGB;
    }

    private static String describe(ImageInfo info) {
        return info.bitDepth + "-bit " + storedFormat(info);
    }

    /** 16-bit rows arrive as separate high-byte and low-byte arrays; segpack holds them little-endian. */
    private static void interleaveLittleEndian(byte[] high, byte[] low, byte[] row) {
        for (int i = 0, o = 0; o < row.length; i++) {
            row[o++] = low[i];
            row[o++] = high[i];
        }
    }

    private static IOException failure(Path path, PngjException e) {
        return new IOException("cannot decode " + path + ": " + e.getMessage(), e);
    }
}
