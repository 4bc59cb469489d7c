package dev.segpack.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writes a {@link RunImage} as a PNG file in memory, in time proportional to its runs, not its pixels: what
 * zlib would search for, a run image says outright. Each row is stored unfiltered or with PNG's "Up" filter,
 * whichever gives fewer pieces (a row that repeats the one above is all zeros under "Up"); each piece of equal
 * filtered pixels becomes its first pixel as literal bytes and a copy of the pixel before (deflate distance 1, or
 * the pixel's size), up to 258 bytes per copy. The whole image is one deflate block with Huffman codes made for
 * it, the zlib checksum computed per piece ({@link RunAdler32}). Files come out the size zlib's default level
 * makes of such images. Keeps its buffers from one image to the next; not thread-safe.
 */
public final class RunPngEncoder {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int FILTER_NONE = 0;
    private static final int FILTER_UP = 2;
    /** A token: a literal byte (0..255), a copy ({@code MATCH | length << 16 | distance}), or the copy before repeated. */
    private static final int MATCH = 1 << 30;
    private static final int REPEAT = 1 << 31;
    private static final int MAX_MATCH = 258;
    private static final int MIN_MATCH = 3;
    private static final int END_OF_BLOCK = 256;
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
            67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
            5, 5, 5, 5, 0};
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
            513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10,
            10, 11, 11, 12, 12, 13, 13};
    /** The order RFC 1951 stores the code length code's lengths in. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final int[] LENGTH_SYMBOL = new int[MAX_MATCH + 1];

    static {
        for (int s = 0; s < LENGTH_BASE.length; s++) {
            int end = s + 1 < LENGTH_BASE.length ? LENGTH_BASE[s + 1] : MAX_MATCH + 1;
            for (int length = LENGTH_BASE[s]; length < end; length++) {
                LENGTH_SYMBOL[length] = s;
            }
        }
    }

    private final RunAdler32 adler = new RunAdler32();
    private final int[] literalFrequencies = new int[286];
    private final int[] distanceFrequencies = new int[30];
    private int[] rowStarts = new int[0];
    private int[] rowPixels = new int[0];
    private int[] aboveStarts = new int[0];
    private int[] abovePixels = new int[0];
    private int[] upStarts = new int[0];
    private int[] upPixels = new int[0];
    private int[] tokens = new int[1 << 12];
    private int tokenCount;
    private int bytesPerPixel;
    /** The bits of a pixel's bytes. */
    private long pixelMask;
    /** The distance symbol of a copy from one pixel back. */
    private int pixelDistanceSymbol;
    /**
     * Per image: a copy's bits as the block writes them (length code and extra bits, distance code and extra bits),
     * for each length 3..258 at distance 1 ({@code [length]}) and at the pixel's size ({@code [259 + length]}), and
     * their count.
     */
    private final long[] matchCodes = new long[2 * (MAX_MATCH + 1)];
    private final int[] matchCodeBits = new int[2 * (MAX_MATCH + 1)];
    private int aboveCount;
    /** The last byte of the stream so far, which a uniform piece may go on copying. */
    private int lastByte;
    private byte[] out = new byte[1 << 14];
    private int outLength;
    private long bits;
    private int bitCount;

    /** The PNG file of {@code image}: a view of this encoder's buffer, valid until it encodes again. */
    public ByteBuffer encode(RunImage image) {
        int h = image.h();
        int w = image.w();
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("a PNG needs at least 1x1 pixels, not " + h + "x" + w);
        }
        if (image.format() == PixelFormat.BGR) {
            throw new IllegalArgumentException("a run image holds its pixels in file order: RGB, not BGR");
        }
        bytesPerPixel = image.format().channels * image.sampleType().bytes;
        if (bytesPerPixel > 4) {
            throw new IllegalArgumentException("a run image has at most 4 bytes per pixel, not " + bytesPerPixel);
        }
        pixelMask = (1L << (8 * bytesPerPixel)) - 1;
        pixelDistanceSymbol = distanceSymbol(bytesPerPixel);
        if (rowStarts.length < w) {
            rowStarts = new int[w];
            rowPixels = new int[w];
            aboveStarts = new int[w];
            abovePixels = new int[w];
            upStarts = new int[w];
            upPixels = new int[w];
        }
        tokenCount = 0;
        Arrays.fill(literalFrequencies, 0);
        Arrays.fill(distanceFrequencies, 0);
        adler.reset();
        aboveCount = 0;
        for (int y = 0; y < h; y++) {
            tokenizeRow(image, y, w);
        }
        return file(image, h, w);
    }

    /** Row y's filter byte and pieces as tokens; then it is the row above. */
    private void tokenizeRow(RunImage image, int y, int w) {
        int count = merged(image.row(y, rowStarts, rowPixels), w, y);
        if (y > 0 && Arrays.equals(rowStarts, 0, count, aboveStarts, 0, aboveCount)
                && Arrays.equals(rowPixels, 0, count, abovePixels, 0, aboveCount)) {
            upStarts[0] = 0;
            upPixels[0] = 0;
            row(FILTER_UP, upStarts, upPixels, 1, w); // the row above again: all zeros
        } else {
            int upCount = y == 0 ? count : upPieces(count, aboveCount, w);
            if (y > 0 && cost(upPixels, upStarts, upCount, w) <= cost(rowPixels, rowStarts, count, w)) {
                row(FILTER_UP, upStarts, upPixels, upCount, w);
            } else {
                row(FILTER_NONE, rowStarts, rowPixels, count, w);
            }
        }
        int[] swap = aboveStarts;
        aboveStarts = rowStarts;
        rowStarts = swap;
        swap = abovePixels;
        abovePixels = rowPixels;
        rowPixels = swap;
        aboveCount = count;
    }

    /** Checks row y's runs and merges neighbours of equal pixels; returns the count. */
    private int merged(int count, int w, int y) {
        if (count < 1 || rowStarts[0] != 0) {
            throw new IllegalArgumentException("row " + y + " has no run at column 0");
        }
        int n = 1;
        for (int i = 1; i < count; i++) {
            if (rowStarts[i] <= rowStarts[i - 1] || rowStarts[i] >= w) {
                throw new IllegalArgumentException("row " + y + ": run " + i + " starts at " + rowStarts[i]
                        + ", after " + rowStarts[i - 1] + " and before the width " + w);
            }
            if (rowPixels[i] != rowPixels[n - 1]) {
                rowStarts[n] = rowStarts[i];
                rowPixels[n++] = rowPixels[i];
            }
        }
        return n;
    }

    /** The row under the "Up" filter: pieces where both it and the row above are constant, byte-wise differences. */
    private int upPieces(int count, int aboveCount, int w) {
        int n = 0;
        int i = 0;
        int j = 0;
        for (int x = 0; x < w; ) {
            int end = Math.min(i + 1 < count ? rowStarts[i + 1] : w, j + 1 < aboveCount ? aboveStarts[j + 1] : w);
            int a = rowPixels[i];
            int b = abovePixels[j];
            // byte-wise a - b: bytes of a with their top bit set minus bytes of b without it cannot borrow across
            // bytes; the top bits are then put right (bytes above the pixel's stay 0)
            int difference = ((a | 0x80808080) - (b & 0x7F7F7F7F)) ^ ((a ^ ~b) & 0x80808080);
            if (n == 0 || upPixels[n - 1] != difference) {
                upStarts[n] = x;
                upPixels[n++] = difference;
            }
            x = end;
            if (i + 1 < count && rowStarts[i + 1] == end) {
                i++;
            }
            if (j + 1 < aboveCount && aboveStarts[j + 1] == end) {
                j++;
            }
        }
        return n;
    }

    /** About how many tokens a row of these pieces takes. */
    private int cost(int[] pixels, int[] starts, int count, int w) {
        int tokens = 0;
        for (int i = 0; i < count; i++) {
            int length = ((i + 1 < count ? starts[i + 1] : w) - starts[i]) * bytesPerPixel;
            tokens += (uniform(pixels[i]) ? 1 : bytesPerPixel) + length / MAX_MATCH + 1;
        }
        return tokens;
    }

    /** The tokens of one row: its filter byte, then each piece's first pixel and copies of it. */
    private void row(int filter, int[] starts, int[] pixels, int count, int w) {
        // a piece takes at most its pixel's bytes as literals and 5 more tokens (see repeat)
        int most = tokenCount + 1 + count * (bytesPerPixel + 5);
        if (most > tokens.length) {
            tokens = Arrays.copyOf(tokens, Math.max(most, 2 * tokens.length));
        }
        literal(filter);
        adler.update(filter);
        for (int i = 0; i < count; i++) {
            int p = pixels[i];
            int n = (i + 1 < count ? starts[i + 1] : w) - starts[i];
            adler.updateRun(p, bytesPerPixel, n);
            int length = n * bytesPerPixel;
            if (uniform(p)) {
                if (lastByte != (p & 0xFF)) {
                    literal(p & 0xFF);
                    length--;
                }
                repeat(1, length, p);
            } else {
                for (int k = 0; k < bytesPerPixel; k++) {
                    literal((p >>> (8 * k)) & 0xFF);
                }
                repeat(bytesPerPixel, length - bytesPerPixel, p);
            }
        }
    }

    /** Whether every byte of the pixel is the same. */
    private boolean uniform(int pixel) {
        return ((pixel & 0xFF) * 0x01010101L & pixelMask) == (pixel & pixelMask);
    }

    /**
     * {@code length} more bytes, each a copy of the byte {@code distance} back (the stream repeats the pixel
     * {@code p}, whose bytes were the last written): copies of at most 258 bytes, none under 3; a total under 3 as
     * literal bytes.
     */
    private void repeat(int distance, int length, int p) {
        if (length < MIN_MATCH) {
            for (int k = 0; k < length; k++) {
                literal((p >>> (8 * (k % bytesPerPixel))) & 0xFF);
            }
            return;
        }
        int longest = length / MAX_MATCH;
        int rest = length % MAX_MATCH;
        if (rest > 0 && rest < MIN_MATCH) { // 258 + rest as two copies of at least 3
            longest--;
            rest += MAX_MATCH;
        }
        match(MAX_MATCH, distance, longest);
        if (rest > MAX_MATCH) {
            match(rest - MIN_MATCH, distance, 1);
            rest = MIN_MATCH;
        }
        match(rest, distance, 1);
        lastByte = (p >>> (8 * (bytesPerPixel - 1))) & 0xFF;
    }

    /** {@code times} copies of {@code length} bytes from {@code distance} back; none when {@code length} is 0. */
    private void match(int length, int distance, int times) {
        if (length == 0 || times == 0) {
            return;
        }
        token(MATCH | length << 16 | distance);
        if (times > 1) {
            token(REPEAT | (times - 1));
        }
        literalFrequencies[257 + LENGTH_SYMBOL[length]] += times;
        distanceFrequencies[distance == 1 ? 0 : pixelDistanceSymbol] += times;
    }

    private void literal(int value) {
        token(value);
        literalFrequencies[value]++;
        lastByte = value;
    }

    /** Appends a token; {@link #row} made room for the row's. */
    private void token(int token) {
        tokens[tokenCount++] = token;
    }

    private static int distanceSymbol(int distance) {
        int s = 0;
        while (s + 1 < DISTANCE_BASE.length && DISTANCE_BASE[s + 1] <= distance) {
            s++;
        }
        return s;
    }

    /** Signature, IHDR, one IDAT holding the zlib stream, IEND. */
    private ByteBuffer file(RunImage image, int h, int w) {
        outLength = 0;
        bytes(SIGNATURE);
        int colourType = switch (image.format()) {
            case GRAY -> 0;
            case RGB, BGR -> 2; // BGR refused above
            case GRAY_ALPHA -> 4;
            case RGBA -> 6;
        };
        int header = chunkStart("IHDR");
        int32(w);
        int32(h);
        bytes(new byte[] {(byte) (8 * image.sampleType().bytes), (byte) colourType, 0, 0, 0});
        chunkEnd(header);
        int data = chunkStart("IDAT");
        bytes(new byte[] {0x78, 0x01}); // zlib: deflate, 32 KiB window, no dictionary, "fastest" (it is informative)
        block();
        int32(adler.value());
        chunkEnd(data);
        chunkEnd(chunkStart("IEND"));
        return ByteBuffer.wrap(out, 0, outLength);
    }

    /**
     * The tokens as one final deflate block with dynamic Huffman codes (RFC 1951 3.2.7). (Its parts are methods of
     * their own so that the JIT compiles the token loop alone: with everything inlined into one method, C2 took
     * seconds over it.)
     */
    private void block() {
        bits = 0;
        bitCount = 0;
        literalFrequencies[END_OF_BLOCK]++;
        HuffmanCode literals = HuffmanCode.of(literalFrequencies, 286, 15);
        HuffmanCode distances = HuffmanCode.of(distanceFrequencies, 30, 15);
        header(literals, distances);
        tokens(literals, distances);
        writeBits(literals.codes[END_OF_BLOCK], literals.lengths[END_OF_BLOCK]);
        writeBits(0, (8 - bitCount % 8) % 8); // the stream ends on a whole byte
        flushBits();
    }

    /** The block's header: its type and both codes, their code lengths run-length and Huffman coded. */
    private void header(HuffmanCode literals, HuffmanCode distances) {
        int literalCount = usedLength(literals.lengths, 257);
        int distanceCount = usedLength(distances.lengths, 1);
        int[] lengths = new int[literalCount + distanceCount];
        System.arraycopy(literals.lengths, 0, lengths, 0, literalCount);
        System.arraycopy(distances.lengths, 0, lengths, literalCount, distanceCount);
        int[] runLengths = new int[lengths.length]; // symbol | extra bits << 8
        int runCount = codeLengthRuns(lengths, runLengths);
        int[] codeLengthFrequencies = new int[19];
        for (int i = 0; i < runCount; i++) {
            codeLengthFrequencies[runLengths[i] & 0xFF]++;
        }
        HuffmanCode codeLengths = HuffmanCode.of(codeLengthFrequencies, 19, 7);
        int orderCount = 19;
        while (orderCount > 4 && codeLengths.lengths[CODE_LENGTH_ORDER[orderCount - 1]] == 0) {
            orderCount--;
        }
        writeBits(1, 1); // final block
        writeBits(2, 2); // dynamic Huffman codes
        writeBits(literalCount - 257, 5);
        writeBits(distanceCount - 1, 5);
        writeBits(orderCount - 4, 4);
        for (int i = 0; i < orderCount; i++) {
            writeBits(codeLengths.lengths[CODE_LENGTH_ORDER[i]], 3);
        }
        for (int i = 0; i < runCount; i++) {
            int symbol = runLengths[i] & 0xFF;
            writeBits(codeLengths.codes[symbol], codeLengths.lengths[symbol]);
            switch (symbol) {
                case 16 -> writeBits(runLengths[i] >>> 8, 2);
                case 17 -> writeBits(runLengths[i] >>> 8, 3);
                case 18 -> writeBits(runLengths[i] >>> 8, 7);
                default -> { }
            }
        }
    }

    /** The tokens' codes. */
    private void tokens(HuffmanCode literals, HuffmanCode distances) {
        matchCodes(literals, distances, 1, 0);
        matchCodes(literals, distances, bytesPerPixel, MAX_MATCH + 1);
        int last = 0; // the last copy's index into matchCodes
        for (int i = 0; i < tokenCount; i++) {
            int t = tokens[i];
            if (t < 0) {
                for (int k = t & ~REPEAT; k > 0; k--) {
                    writeBits(matchCodes[last], matchCodeBits[last]);
                }
            } else if ((t & MATCH) == 0) {
                writeBits(literals.codes[t], literals.lengths[t]);
            } else {
                last = ((t & 0xFFFF) == 1 ? 0 : MAX_MATCH + 1) + ((t >>> 16) & 0x3FFF);
                writeBits(matchCodes[last], matchCodeBits[last]);
            }
        }
    }

    /** The bits of a copy of each length from {@code distance} back, into matchCodes from {@code at}. */
    private void matchCodes(HuffmanCode literals, HuffmanCode distances, int distance, int at) {
        int ds = distanceSymbol(distance);
        for (int length = MIN_MATCH; length <= MAX_MATCH; length++) {
            int ls = LENGTH_SYMBOL[length];
            long match = literals.codes[257 + ls];
            int matchBits = literals.lengths[257 + ls];
            match |= (long) (length - LENGTH_BASE[ls]) << matchBits;
            matchBits += LENGTH_EXTRA[ls];
            match |= (long) distances.codes[ds] << matchBits;
            matchBits += distances.lengths[ds];
            match |= (long) (distance - DISTANCE_BASE[ds]) << matchBits;
            matchBits += DISTANCE_EXTRA[ds];
            matchCodes[at + length] = match;
            matchCodeBits[at + length] = matchBits;
        }
    }

    /** How many code lengths to store: up to the last nonzero one, at least {@code min}. */
    private static int usedLength(int[] lengths, int min) {
        int n = lengths.length;
        while (n > min && lengths[n - 1] == 0) {
            n--;
        }
        return n;
    }

    /**
     * The code lengths run-length coded with RFC 1951's code length alphabet: 16 repeats the previous length 3..6
     * times, 17 and 18 write 3..10 and 11..138 zeros. Returns the number of symbols.
     */
    private static int codeLengthRuns(int[] lengths, int[] runs) {
        int n = 0;
        for (int i = 0; i < lengths.length; ) {
            int v = lengths[i];
            int run = 1;
            while (i + run < lengths.length && lengths[i + run] == v) {
                run++;
            }
            i += run;
            if (v == 0) {
                while (run >= 11) {
                    int r = Math.min(run, 138);
                    runs[n++] = 18 | (r - 11) << 8;
                    run -= r;
                }
                if (run >= 3) {
                    runs[n++] = 17 | (run - 3) << 8;
                    run = 0;
                }
            } else {
                runs[n++] = v;
                run--;
                while (run >= 3) {
                    int r = Math.min(run, 6);
                    runs[n++] = 16 | (r - 3) << 8;
                    run -= r;
                }
            }
            while (run-- > 0) {
                runs[n++] = v;
            }
        }
        return n;
    }

    /** Appends the low {@code count} bits of {@code value} (at most 56), first bit first. */
    private void writeBits(long value, int count) {
        if (bitCount + count > 63) {
            flushBits();
        }
        bits |= value << bitCount;
        bitCount += count;
    }

    /** Moves the whole bytes of the bit buffer to the output. */
    private void flushBits() {
        if (outLength + 8 > out.length) {
            out = Arrays.copyOf(out, 2 * out.length);
        }
        for (int k = 0; k < 8; k++) { // all 8 bytes of the buffer, then keep the whole ones
            out[outLength + k] = (byte) (bits >>> (8 * k));
        }
        int whole = bitCount >>> 3; // at most 7: bitCount < 64
        outLength += whole;
        bits >>>= 8 * whole;
        bitCount &= 7;
    }

    private int chunkStart(String type) {
        int start = outLength;
        int32(0);
        bytes(type.getBytes(StandardCharsets.US_ASCII));
        return start;
    }

    /** Writes the length of the chunk started at {@code start} and appends its CRC. */
    private void chunkEnd(int start) {
        int length = outLength - start - 8;
        out[start] = (byte) (length >>> 24);
        out[start + 1] = (byte) (length >>> 16);
        out[start + 2] = (byte) (length >>> 8);
        out[start + 3] = (byte) length;
        CRC32 crc = new CRC32();
        crc.update(out, start + 4, length + 4);
        int32((int) crc.getValue());
    }

    private void int32(int v) {
        byteOut(v >>> 24);
        byteOut(v >>> 16);
        byteOut(v >>> 8);
        byteOut(v);
    }

    private void bytes(byte[] b) {
        for (byte v : b) {
            byteOut(v);
        }
    }

    private void byteOut(int v) {
        if (outLength == out.length) {
            out = Arrays.copyOf(out, 2 * out.length);
        }
        out[outLength++] = (byte) v;
    }
}
