package dev.segpack.engine.skeleton;

/**
 * Where each H x W plane of a heatmap volume goes in the output: {@link #frames()} is
 * {@code GeneratePoseTarget}'s own {@code [T', C, H, W]}; {@link #ncthw(int, int)} is what
 * {@code FormatShape('NCTHW_Heatmap')} makes of it (reshape to {@code (-1, num_clips, clip_len, C,
 * H, W)}, swap C and L, merge the first two axes: {@code [N', C, L, H, W]}), written in place
 * instead of transposed afterwards.
 */
public final class HeatmapLayout {

    private static final HeatmapLayout FRAMES = new HeatmapLayout(0, 0);

    private final int numClips;
    private final int clipLen;

    private HeatmapLayout(int numClips, int clipLen) {
        this.numClips = numClips;
        this.clipLen = clipLen;
    }

    /** {@code [T', C, H, W]}. */
    public static HeatmapLayout frames() {
        return FRAMES;
    }

    /** {@code [N', C, clipLen, H, W]} with {@code N' = T' / clipLen}; T' must be a multiple of numClips * clipLen. */
    public static HeatmapLayout ncthw(int numClips, int clipLen) {
        if (numClips < 1 || clipLen < 1) {
            throw new IllegalArgumentException("num_clips and clip_len must be at least 1, not " + numClips + " and " + clipLen);
        }
        return new HeatmapLayout(numClips, clipLen);
    }

    /** The output shape for {@code outputFrames} frames of {@code channels} h x w planes. */
    public long[] shape(int outputFrames, int channels, int height, int width) {
        if (clipLen == 0) {
            return new long[] {outputFrames, channels, height, width};
        }
        if (outputFrames % ((long) numClips * clipLen) != 0) {
            throw new IllegalArgumentException(outputFrames + " heatmap frames cannot be reshaped to (-1, " + numClips + ", " + clipLen + ")");
        }
        return new long[] {outputFrames / clipLen, channels, clipLen, height, width};
    }

    /** The index of the plane of (frame, channel) in units of planes. */
    long plane(int frame, int channel, int channels) {
        if (clipLen == 0) {
            return (long) frame * channels + channel;
        }
        long sample = frame / clipLen;
        return (sample * channels + channel) * clipLen + frame % clipLen;
    }
}
