package dev.segpack.image;

/**
 * An image given row by row as runs of equal pixels, which {@link RunPngEncoder} writes without ever holding its
 * pixels: label images, whose rows are a few dozen runs each.
 */
public interface RunImage {

    int h();

    int w();

    /** GRAY, GRAY_ALPHA, RGB or RGBA; with {@link #sampleType()}, at most 4 bytes per pixel. */
    PixelFormat format();

    SampleType sampleType();

    /**
     * Row y as runs: {@code starts[i]} the first column of run i (0 for the first, ascending) and {@code pixels[i]}
     * its pixel's bytes in the order a PNG file holds them (16-bit samples big-endian), the first byte in the low
     * 8 bits; returns the number of runs. Both arrays hold w elements.
     */
    int row(int y, int[] starts, int[] pixels);
}
