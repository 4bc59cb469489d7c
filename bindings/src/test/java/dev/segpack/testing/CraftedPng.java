package dev.segpack.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Builds PNG files byte by byte (java.util.zip for the zlib stream and the chunk CRCs), so tests can
 * make exactly the broken or unusual files they need. Rows are written with filter type 0.
 */
public final class CraftedPng {

    public static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** x start, y start, x step, y step of the Adam7 passes (PNG specification, 8.2). */
    private static final int[][] ADAM7 = {
            {0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};

    private CraftedPng() {
    }

    /** A chunk: length, type, data, CRC over type and data. */
    public static byte[] chunk(String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(name).put(data).putInt((int) crc.getValue())
                .array();
    }

    public static byte[] ihdr(int w, int h, int depth, int colourType, boolean interlaced) {
        return chunk("IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) depth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) (interlaced ? 1 : 0)).array());
    }

    /** The signature followed by {@code chunks}. */
    public static byte[] file(byte[]... chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        for (byte[] chunk : chunks) {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }

    public static byte[] zlib(byte[] raw) {
        Deflater deflater = new Deflater();
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * The image data before compression: {@code samples} (row-major, {@code channels} a pixel, each in
     * 0..2^depth-1) as filter-0 rows, packed and big-endian as PNG stores them; Adam7 passes when
     * {@code interlaced}.
     */
    public static byte[] rows(int[] samples, int w, int h, int channels, int depth, boolean interlaced) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!interlaced) {
            writeRows(out, samples, w, channels, depth, 0, 0, 1, 1, w, h);
            return out.toByteArray();
        }
        for (int[] pass : ADAM7) {
            int pw = w > pass[0] ? (w - pass[0] + pass[2] - 1) / pass[2] : 0;
            int ph = h > pass[1] ? (h - pass[1] + pass[3] - 1) / pass[3] : 0;
            if (pw > 0 && ph > 0) {
                writeRows(out, samples, w, channels, depth, pass[0], pass[1], pass[2], pass[3], pw, ph);
            }
        }
        return out.toByteArray();
    }

    private static void writeRows(ByteArrayOutputStream out, int[] samples, int w, int channels, int depth,
                                  int x0, int y0, int dx, int dy, int pw, int ph) {
        for (int py = 0; py < ph; py++) {
            out.write(0);
            int bits = 0;
            int pending = 0;
            for (int px = 0; px < pw; px++) {
                int pixel = ((y0 + py * dy) * w + x0 + px * dx) * channels;
                for (int c = 0; c < channels; c++) {
                    int v = samples[pixel + c];
                    if (depth == 16) {
                        out.write(v >>> 8);
                        out.write(v & 0xFF);
                    } else if (depth == 8) {
                        out.write(v);
                    } else {
                        pending = pending << depth | v;
                        bits += depth;
                        if (bits == 8) {
                            out.write(pending);
                            pending = 0;
                            bits = 0;
                        }
                    }
                }
            }
            if (bits > 0) {
                out.write(pending << (8 - bits));
            }
        }
    }
}
