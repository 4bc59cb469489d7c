package dev.segpack.engine.skeleton;

import dev.segpack.engine.parallel.Chunks;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Executor;

/**
 * PYSKL's {@code GeneratePoseTarget}: pseudo heatmaps of the keypoints (a Gaussian per joint) or of
 * the limbs (a Gaussian tube per skeleton pair), max-combined over persons, float32
 * {@code [T, C, H, W]}; with {@code doubled}, followed by the T frames flipped horizontally with
 * the left/right channels swapped ({@code [2T, C, H, W]}). Bit-identical to the original, see
 * {@link HeatmapPainter}.
 *
 * <p>Writes straight into the caller's little-endian float32 buffer in the chosen
 * {@link HeatmapLayout}. Frames are independent, so they may be spread over a pool; the output
 * does not depend on the thread count. If an exception is thrown the buffer's content is undefined.
 */
public final class GeneratePoseTarget {

    private final PoseTargetConfig config;

    public GeneratePoseTarget(PoseTargetConfig config) {
        this.config = config;
    }

    public PoseTargetConfig config() {
        return config;
    }

    /** The heatmap height: {@code int(img_h * scaling + 0.5)}. */
    public int height(PoseFrames pose) {
        return scaled(pose.height());
    }

    /** The heatmap width: {@code int(img_w * scaling + 0.5)}. */
    public int width(PoseFrames pose) {
        return scaled(pose.width());
    }

    private int scaled(int size) {
        double v = size * config.scaling() + 0.5;
        if (v >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scaled image size " + v + " is too large");
        }
        return (int) v;
    }

    /** T, or 2T with {@code doubled}. */
    public int outputFrames(PoseFrames pose) {
        return config.doubled() ? 2 * pose.frames() : pose.frames();
    }

    /** The output shape in {@code layout}. */
    public long[] shape(PoseFrames pose, HeatmapLayout layout) {
        return layout.shape(outputFrames(pose), config.channels(pose.joints()), height(pose), width(pose));
    }

    /** Bytes the output takes (float32). */
    public long byteSize(PoseFrames pose) {
        return (long) outputFrames(pose) * config.channels(pose.joints()) * height(pose) * width(pose) * Float.BYTES;
    }

    /** Fills {@code out} in the calling thread. */
    public void generate(PoseFrames pose, HeatmapLayout layout, MemorySegment out) {
        Job job = new Job(pose, layout, out);
        job.frames(0, pose.frames());
    }

    /**
     * Fills {@code out} with the frames spread over {@code executor} (the same bytes for any executor);
     * {@code out} must be accessible from its threads.
     */
    public void generate(PoseFrames pose, HeatmapLayout layout, MemorySegment out, Executor executor) {
        Job job = new Job(pose, layout, out);
        if (!out.isAccessibleBy(Thread.ofVirtual().unstarted(() -> { }))) {
            throw new IllegalArgumentException("the output belongs to a confined arena, which other threads cannot"
                    + " write; allocate it in a shared, global or automatic arena, or generate in the calling thread");
        }
        Chunks chunks = Chunks.of(pose.frames());
        chunks.forEach(executor, c -> job.frames(chunks.start(c), chunks.start(c + 1)));
    }

    /** One call's checked geometry. */
    private final class Job {
        private final PoseFrames pose;
        private final HeatmapLayout layout;
        private final MemorySegment out;
        private final int channels;
        private final int height;
        private final int width;
        private final long planeBytes;
        private final int[] flipSources;

        Job(PoseFrames pose, HeatmapLayout layout, MemorySegment out) {
            this.pose = pose;
            this.layout = layout;
            this.out = out;
            this.channels = config.channels(pose.joints());
            this.height = height(pose);
            this.width = width(pose);
            if ((long) height * width > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("heatmaps of " + height + "x" + width + " pixels are too large");
            }
            this.planeBytes = (long) height * width * Float.BYTES;
            if (config.maps() == PoseTargetConfig.Maps.LIMBS) {
                for (int[] limb : config.skeleton()) {
                    if (limb[0] >= pose.joints() || limb[1] >= pose.joints()) {
                        throw new IllegalArgumentException("limb (" + limb[0] + ", " + limb[1] + ") refers to a joint beyond the "
                                + pose.joints() + " joints of the keypoints");
                    }
                }
            }
            this.flipSources = config.doubled() ? config.flipSources(channels) : null;
            layout.shape(outputFrames(pose), channels, height, width);
            long needed = byteSize(pose);
            if (out.byteSize() < needed) {
                throw new IllegalArgumentException("output holds " + out.byteSize() + " bytes; the heatmaps need " + needed);
            }
        }

        /** Frames [from, to) and, when doubled, their flipped copies. */
        void frames(int from, int to) {
            HeatmapPainter painter = new HeatmapPainter(pose, config, out, height, width);
            for (int t = from; t < to; t++) {
                for (int c = 0; c < channels; c++) {
                    painter.drawPlane(t, c, offset(t, c));
                }
                if (flipSources != null) {
                    for (int c = 0; c < channels; c++) {
                        painter.flipPlane(offset(t, flipSources[c]), offset(pose.frames() + t, c));
                    }
                }
            }
        }

        private long offset(int frame, int channel) {
            return layout.plane(frame, channel, channels) * planeBytes;
        }
    }
}
