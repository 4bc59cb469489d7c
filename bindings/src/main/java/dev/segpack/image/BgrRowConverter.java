package dev.segpack.image;

/**
 * Turns one PNG row of 8-bit samples (packed samples unpacked, 16-bit samples as their high bytes)
 * into BGR bytes the way cv2.imread's libpng set-up does for IMREAD_COLOR.
 */
final class BgrRowConverter {

    private final int width;
    private final int channels;
    private final boolean gray;
    /** Maps a stored sample (or palette index) to the output byte(s); null when samples are used as they are. */
    private final byte[] grayScale;
    private final byte[] paletteBgr;

    private BgrRowConverter(int width, int channels, boolean gray, byte[] grayScale, byte[] paletteBgr) {
        this.width = width;
        this.channels = channels;
        this.gray = gray;
        this.grayScale = grayScale;
        this.paletteBgr = paletteBgr;
    }

    /** {@code palette}: the PLTE entries as R, G, B triples (palette PNGs only). */
    static BgrRowConverter of(PngHeader header, byte[] palette) {
        if (header.indexed()) {
            // libpng keeps a zero-filled 256-entry palette: indices past the end read as black.
            byte[] bgr = new byte[256 * 3];
            for (int i = 0; i < palette.length / 3; i++) {
                bgr[3 * i] = palette[3 * i + 2];
                bgr[3 * i + 1] = palette[3 * i + 1];
                bgr[3 * i + 2] = palette[3 * i];
            }
            return new BgrRowConverter(header.w(), 1, false, null, bgr);
        }
        boolean gray = header.channels() <= 2;
        byte[] scale = null;
        if (gray && header.bitDepth() < 8) {
            // png_set_expand_gray_1_2_4_to_8 stretches v to v * 255 / (2^depth - 1).
            int max = (1 << header.bitDepth()) - 1;
            scale = new byte[max + 1];
            for (int v = 0; v <= max; v++) {
                scale[v] = (byte) (v * 255 / max);
            }
        }
        return new BgrRowConverter(header.w(), header.channels(), gray, scale, null);
    }

    void convert(byte[] samples, byte[] bgr) {
        if (paletteBgr != null) {
            for (int x = 0, o = 0; x < width; x++, o += 3) {
                int entry = 3 * Byte.toUnsignedInt(samples[x]);
                bgr[o] = paletteBgr[entry];
                bgr[o + 1] = paletteBgr[entry + 1];
                bgr[o + 2] = paletteBgr[entry + 2];
            }
        } else if (gray) {
            for (int x = 0, i = 0, o = 0; x < width; x++, i += channels, o += 3) {
                byte value = grayScale == null ? samples[i] : grayScale[samples[i]];
                bgr[o] = value;
                bgr[o + 1] = value;
                bgr[o + 2] = value;
            }
        } else {
            for (int x = 0, i = 0, o = 0; x < width; x++, i += channels, o += 3) {
                bgr[o] = samples[i + 2];
                bgr[o + 1] = samples[i + 1];
                bgr[o + 2] = samples[i];
            }
        }
    }
}
