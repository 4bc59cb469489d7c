package dev.segpack.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * segpack's one PNG decoder: every colour type and bit depth, interlaced or not, from a file already in
 * memory ({@link ImageFile}). {@link #of} walks the chunks once, checking every chunk's CRC, the IHDR
 * fields and limits, and that a palette PNG has its PLTE, and refuses a file cut short (no IEND); nothing
 * the size of the image is allocated before that. Decoding inflates the image data in one call
 * (libdeflate when installed, see {@link ZlibInflater}) and refuses data that does not inflate to exactly
 * the bytes the header implies. Every error names the file and the chunk.
 */
public final class PngDecoder {

    private static final ValueLayout.OfInt BIG_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int IHDR = 0x49484452;
    private static final int PLTE = 0x504C5445;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;
    private static final int EXIF = 0x65584966;

    private final String source;
    private final MemorySegment file;
    private final PngHeader header;
    /** PLTE entries as R, G, B triples; null when the file has none. */
    private final byte[] palette;
    /** tRNS alpha of the first palette entries; null when none (or not a palette PNG). */
    private final byte[] paletteAlpha;
    private final int orientation;
    /** Offset and length of each IDAT chunk's data, in file order. */
    private final long[] idat;
    private final long idatBytes;

    private PngDecoder(String source, MemorySegment file, PngHeader header, byte[] palette, byte[] paletteAlpha,
                       int orientation, long[] idat, long idatBytes) {
        this.source = source;
        this.file = file;
        this.header = header;
        this.palette = palette;
        this.paletteAlpha = paletteAlpha;
        this.orientation = orientation;
        this.idat = idat;
        this.idatBytes = idatBytes;
    }

    /** Reads the chunks of {@code png}; its bytes must stay alive while this decoder is used. */
    public static PngDecoder of(ImageFile png) throws IOException {
        String source = png.source();
        if (png.kind() != ImageFile.Kind.PNG) {
            throw PngHeader.failure(source, "it is a " + png.kind() + " file, not a PNG");
        }
        MemorySegment file = png.bytes();
        long size = file.byteSize();
        CRC32 crc = new CRC32();
        PngHeader header = null;
        byte[] palette = null;
        byte[] alpha = null;
        int orientation = 0;
        long[] idat = new long[8];
        int idatCount = 0;
        long idatBytes = 0;
        long at = 8; // after the signature
        while (true) {
            if (at + 12 > size) {
                throw PngHeader.failure(source, at == size ? "the file ends without an IEND chunk (truncated?)"
                        : "the chunk at byte " + at + " is cut off by the end of the file (truncated?)");
            }
            long length = Integer.toUnsignedLong(file.get(BIG_INT, at));
            int type = file.get(BIG_INT, at + 4);
            String where = "chunk " + name(type) + " at byte " + at;
            if (length > Integer.MAX_VALUE || at + 12 + length > size) {
                throw PngHeader.failure(source, where + " runs past the end of the file (truncated?)");
            }
            MemorySegment data = file.asSlice(at + 8, length);
            crc.reset();
            crc.update(file.asSlice(at + 4, 4).asByteBuffer());
            crc.update(data.asByteBuffer());
            int stored = file.get(BIG_INT, at + 8 + length);
            if ((int) crc.getValue() != stored) {
                throw PngHeader.failure(source, where + " has CRC " + hex(stored) + " but its bytes give "
                        + hex((int) crc.getValue()) + " (corrupt file)");
            }
            if (header == null && type != IHDR) {
                throw PngHeader.failure(source, where + " comes before IHDR, which must be the first chunk");
            }
            switch (type) {
                case IHDR -> {
                    if (header != null) {
                        throw PngHeader.failure(source, where + " is a second IHDR");
                    }
                    header = PngHeader.parse(data, source);
                }
                case PLTE -> {
                    if (length == 0 || length % 3 != 0 || length > 3 * 256) {
                        throw PngHeader.failure(source, where + " has " + length
                                + " bytes; a palette is 1..256 entries of 3 bytes");
                    }
                    palette = data.toArray(ValueLayout.JAVA_BYTE);
                }
                case TRNS -> alpha = header.indexed() ? data.toArray(ValueLayout.JAVA_BYTE) : null;
                case EXIF -> orientation = orientation == 0 ? ExifOrientation.fromPngExif(data) : orientation;
                case IDAT -> {
                    if (2 * idatCount == idat.length) {
                        idat = Arrays.copyOf(idat, 2 * idat.length);
                    }
                    idat[2 * idatCount] = at + 8;
                    idat[2 * idatCount + 1] = length;
                    idatCount++;
                    idatBytes += length;
                }
                default -> { }
            }
            at += 12 + length;
            if (type == IEND) {
                break;
            }
        }
        if (header.indexed() && palette == null) {
            throw PngHeader.failure(source, "palette PNG without a PLTE chunk");
        }
        if (idatCount == 0) {
            throw PngHeader.failure(source, "no image data (IDAT chunk)");
        }
        long needed = PngRows.inflatedBytes(header);
        if (needed > ZlibInflater.MAX_RATIO * (idatBytes + 1)) {
            throw PngHeader.failure(source, "the IDAT chunks hold " + idatBytes + " bytes, which cannot inflate to the "
                    + needed + " bytes a " + header.w() + "x" + header.h() + " " + header.describe()
                    + " image needs (truncated?)");
        }
        return new PngDecoder(source, file, header, palette, alpha,
                orientation == 0 ? ExifOrientation.NORMAL : orientation, Arrays.copyOf(idat, 2 * idatCount),
                idatBytes);
    }

    public PngHeader header() {
        return header;
    }

    /**
     * The stored samples: GRAY, GRAY_ALPHA, RGB or RGBA as the file holds them, UINT16 (little-endian)
     * for 16-bit files and UINT8 otherwise. Gray samples below 8 bits keep their stored values (a 4-bit
     * label stays 0..15); a palette PNG gives its indices as GRAY.
     */
    public Image samples(Arena arena) throws IOException {
        Image out = Image.allocate(arena, header.h(), header.w(), header.storedFormat(), header.sampleType());
        int outRow = Math.toIntExact(out.rowBytes());
        int count = header.w() * header.channels();
        if (header.bitDepth() == 8) {
            decode((stored, y) -> MemorySegment.copy(stored, 0, out.data(), ValueLayout.JAVA_BYTE, (long) y * outRow, outRow));
            return out;
        }
        byte[] row = new byte[outRow];
        decode((stored, y) -> {
            if (header.bitDepth() == 16) {
                PngRows.littleEndian(stored, count, row);
            } else {
                PngRows.unpack(stored, header.bitDepth(), count, row);
            }
            MemorySegment.copy(row, 0, out.data(), ValueLayout.JAVA_BYTE, (long) y * outRow, outRow);
        });
        return out;
    }

    /**
     * As {@link #samples}, except that a palette image is expanded to its colours: RGBA when it has a
     * tRNS chunk, RGB otherwise; indices past the palette's end read as opaque black, as libpng's
     * zero-filled 256-entry palette gives.
     */
    public Image colours(Arena arena) throws IOException {
        if (!header.indexed()) {
            return samples(arena);
        }
        int channels = paletteAlpha == null ? 3 : 4;
        byte[] lut = new byte[256 * channels];
        for (int i = 0; i < 256; i++) {
            if (i < palette.length / 3) {
                System.arraycopy(palette, 3 * i, lut, i * channels, 3);
            }
            if (channels == 4) {
                lut[i * 4 + 3] = i < paletteAlpha.length ? paletteAlpha[i] : (byte) 255;
            }
        }
        Image out = Image.allocate(arena, header.h(), header.w(), channels == 4 ? PixelFormat.RGBA : PixelFormat.RGB,
                SampleType.UINT8);
        byte[] indices = new byte[header.w()];
        byte[] row = new byte[header.w() * channels];
        decode((stored, y) -> {
            byte[] index = eightBit(stored, indices);
            for (int x = 0, o = 0; x < index.length; x++) {
                int entry = Byte.toUnsignedInt(index[x]) * channels;
                for (int c = 0; c < channels; c++) {
                    row[o++] = lut[entry + c];
                }
            }
            MemorySegment.copy(row, 0, out.data(), ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
        });
        return out;
    }

    /**
     * BGR bytes as cv2.imread(path, IMREAD_COLOR) returns them: 16-bit samples keep their high byte,
     * gray below 8 bits is scaled to 0..255, gray is replicated, alpha is dropped (not composited),
     * palette indices become their colours, and an eXIf orientation is applied.
     */
    public Image bgr(Arena arena) throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            Image stored = Image.allocate(orientation == ExifOrientation.NORMAL ? arena : scratch, header.h(), header.w(),
                    PixelFormat.BGR, SampleType.UINT8);
            BgrRowConverter converter = BgrRowConverter.of(header, palette);
            byte[] samples = new byte[header.w() * header.channels()];
            byte[] row = new byte[3 * header.w()];
            decode((bytes, y) -> {
                converter.convert(eightBit(bytes, samples), row);
                MemorySegment.copy(row, 0, stored.data(), ValueLayout.JAVA_BYTE, (long) y * row.length, row.length);
            });
            if (orientation == ExifOrientation.NORMAL) {
                return stored;
            }
            boolean swap = Orientations.swapsAxes(orientation);
            Image out = Image.allocate(arena, swap ? header.w() : header.h(), swap ? header.h() : header.w(),
                    PixelFormat.BGR, SampleType.UINT8);
            Orientations.apply(stored.data(), header.h(), header.w(), 3, orientation, out.data());
            return out;
        }
    }

    /** {h, w} of what {@link #bgr} returns (the eXIf orientation applied), without decoding. */
    public int[] bgrSize() {
        return Orientations.swapsAxes(orientation) ? new int[] {header.w(), header.h()}
                : new int[] {header.h(), header.w()};
    }

    /** One byte per sample: the stored row itself at 8 bits, else unpacked or high bytes into {@code buffer}. */
    private byte[] eightBit(byte[] stored, byte[] buffer) {
        switch (header.bitDepth()) {
            case 8 -> {
                return stored;
            }
            case 16 -> PngRows.highBytes(stored, buffer.length, buffer);
            default -> PngRows.unpack(stored, header.bitDepth(), buffer.length, buffer);
        }
        return buffer;
    }

    private void decode(PngRows.Sink sink) throws IOException {
        try (Arena scratch = Arena.ofConfined()) {
            PngRows.decode(header, imageData(scratch), source, scratch, sink);
        }
    }

    /** The IDAT payloads as one segment: the file's own bytes when there is one chunk, else a copy. */
    private MemorySegment imageData(Arena scratch) {
        if (idat.length == 2) {
            return file.asSlice(idat[0], idat[1]);
        }
        MemorySegment data = scratch.allocate(idatBytes);
        long written = 0;
        for (int i = 0; i < idat.length; i += 2) {
            MemorySegment.copy(file, idat[i], data, written, idat[i + 1]);
            written += idat[i + 1];
        }
        return data;
    }

    private static String name(int type) {
        StringBuilder name = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int c = (type >>> shift) & 0xFF;
            name.append(c >= 0x21 && c <= 0x7E ? (char) c : '?');
        }
        return name.toString();
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
