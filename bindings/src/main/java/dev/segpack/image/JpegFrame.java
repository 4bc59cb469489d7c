package dev.segpack.image;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * A JPEG's frame header (SOFn) read in Java before any decoder runs: the coding process, the stored
 * size and each component's sampling factors. Markers are found as libjpeg finds them (bytes that are
 * not a marker are skipped, fill bytes ignored), stopping at the first SOFn.
 *
 * <p>It gives the least data a complete file of this frame can hold: in a sequential Huffman JPEG
 * (SOF0, SOF1) every scan codes every 8×8 block of its components with at least a DC and an
 * end-of-block code of one bit or more, so the file holds at least 2 bits for each block of its
 * smallest component. Progressive (end-of-band runs code thousands of blocks in a few bits) and
 * arithmetic-coded frames have no such floor.
 */
record JpegFrame(int marker, int h, int w, int[] hSampling, int[] vSampling) {

    private static final int SOF0 = 0xC0, SOF1 = 0xC1, DHT = 0xC4, JPG = 0xC8, DAC = 0xCC;
    private static final int RST0 = 0xD0, SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, TEM = 0x01;

    /** The first frame header of {@code jpeg}, or empty when there is none before the first scan or the end. */
    static Optional<JpegFrame> find(MemorySegment jpeg) {
        long size = jpeg.byteSize();
        long at = 2; // after SOI
        while (true) {
            // libjpeg's next_marker: skip to an 0xFF, over fill bytes, to a byte that is neither 0 nor 0xFF
            while (at + 1 < size && (u8(jpeg, at) != 0xFF || u8(jpeg, at + 1) == 0 || u8(jpeg, at + 1) == 0xFF)) {
                at++;
            }
            if (at + 1 >= size) {
                return Optional.empty();
            }
            int marker = u8(jpeg, at + 1);
            at += 2;
            if (marker == SOS || marker == EOI || marker == SOI) {
                return Optional.empty();
            }
            if (marker == TEM || (marker >= RST0 && marker < RST0 + 8)) {
                continue;
            }
            if (at + 2 > size) {
                return Optional.empty();
            }
            int length = u16(jpeg, at);
            if (marker >= SOF0 && marker <= 0xCF && marker != DHT && marker != JPG && marker != DAC) {
                return frame(jpeg, at, length, marker);
            }
            at += Math.max(2, length);
        }
    }

    /** Bytes a complete file of this frame holds at least; 0 where the coding process sets no floor. */
    long minimumBytes() {
        if (marker != SOF0 && marker != SOF1) {
            return 0;
        }
        int hMax = 1, vMax = 1;
        for (int c = 0; c < hSampling.length; c++) {
            hMax = Math.max(hMax, hSampling[c]);
            vMax = Math.max(vMax, vSampling[c]);
        }
        long fewest = Long.MAX_VALUE;
        for (int c = 0; c < hSampling.length; c++) {
            long cw = Math.ceilDiv((long) w * hSampling[c], hMax);
            long ch = Math.ceilDiv((long) h * vSampling[c], vMax);
            fewest = Math.min(fewest, Math.ceilDiv(cw, 8) * Math.ceilDiv(ch, 8));
        }
        return fewest == Long.MAX_VALUE ? 0 : Math.ceilDiv(2 * fewest, 8);
    }

    private static Optional<JpegFrame> frame(MemorySegment jpeg, long at, int length, int marker) {
        // length, precision, height, width, component count, then 3 bytes per component
        if (length < 8 || at + 8 > jpeg.byteSize()) {
            return Optional.empty();
        }
        int h = u16(jpeg, at + 3);
        int w = u16(jpeg, at + 5);
        int components = u8(jpeg, at + 7);
        if (length != 8 + 3 * components || at + length > jpeg.byteSize()) {
            return Optional.empty();
        }
        int[] hs = new int[components];
        int[] vs = new int[components];
        for (int c = 0; c < components; c++) {
            int sampling = u8(jpeg, at + 8 + 3L * c + 1);
            hs[c] = sampling >>> 4;
            vs[c] = sampling & 0xF;
            if (hs[c] < 1 || hs[c] > 4 || vs[c] < 1 || vs[c] > 4) {
                return Optional.empty(); // libjpeg refuses it with its own message
            }
        }
        return Optional.of(new JpegFrame(marker, h, w, hs, vs));
    }

    private static int u8(MemorySegment segment, long offset) {
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, offset));
    }

    private static int u16(MemorySegment segment, long offset) {
        return u8(segment, offset) << 8 | u8(segment, offset + 1);
    }
}
