package dev.segpack.engine.skeleton;

/**
 * PYSKL's {@code UniformSampleFrames} in test mode: the frame indices of {@code numClips} clips
 * of {@code clipLen} frames, drawn from {@code RandomState(seed)} exactly as the toolbox draws
 * them, so the same frames are chosen. Per clip: a sub-interval of ratio in {@code [pLow, pHigh]}
 * at a random offset; shorter than the clip: consecutive frames from {@code i} or
 * {@code i * n // numClips}; up to twice the clip: every frame plus {@code n - clipLen} random
 * extra steps; longer: one random frame in each of {@code clipLen} equal bins. Indices are taken
 * modulo the frame count and shifted by the start index.
 *
 * <p>The toolbox's "transitional" pass rewrites the indices through float32 and back; on these
 * integer indices that is the identity, so it is not repeated here.
 */
public final class UniformSampleFrames {

    /** The toolbox's test-time seed. */
    public static final long DEFAULT_SEED = 255;

    private final int clipLen;
    private final int numClips;
    private final double pLow;
    private final double pHigh;
    private final long seed;

    /** {@code UniformSampleFrames(clip_len, num_clips)}: whole videos, seed 255. */
    public UniformSampleFrames(int clipLen, int numClips) {
        this(clipLen, numClips, 1, 1, DEFAULT_SEED);
    }

    /** With {@code p_interval=(pLow, pHigh)} and a seed. */
    public UniformSampleFrames(int clipLen, int numClips, double pLow, double pHigh, long seed) {
        if (clipLen < 1 || numClips < 1) {
            throw new IllegalArgumentException("clip_len and num_clips must be at least 1, not " + clipLen + " and " + numClips);
        }
        if (!(pLow > 0 && pLow <= pHigh && pHigh <= 1)) {
            throw new IllegalArgumentException("p_interval must satisfy 0 < low <= high <= 1, not (" + pLow + ", " + pHigh + ")");
        }
        LegacyRandomState.checkSeed(seed);
        this.clipLen = clipLen;
        this.numClips = numClips;
        this.pLow = pLow;
        this.pHigh = pHigh;
        this.seed = seed;
    }

    public int clipLen() {
        return clipLen;
    }

    public int numClips() {
        return numClips;
    }

    /** The {@code numClips * clipLen} frame indices the test mode picks from a video of {@code totalFrames}. */
    public int[] testFrameIndices(int totalFrames, int startIndex) {
        if (totalFrames < 1) {
            throw new IllegalArgumentException("total_frames must be at least 1, not " + totalFrames);
        }
        LegacyRandomState random = new LegacyRandomState(seed);
        int[] out = new int[numClips * clipLen];
        for (int clip = 0; clip < numClips; clip++) {
            double ratio = random.nextDouble() * (pHigh - pLow) + pLow;
            int frames = (int) (ratio * totalFrames);
            int offset = random.randint(totalFrames - frames + 1);
            int at = clip * clipLen;
            if (frames < clipLen) {
                int start = frames < numClips ? clip : (int) ((long) clip * frames / numClips);
                for (int k = 0; k < clipLen; k++) {
                    out[at + k] = start + k;
                }
            } else if (frames < 2 * clipLen) {
                // choice(clipLen + 1, frames - clipLen, replace=False) is permutation(clipLen + 1)[:size]
                int[] permutation = random.permutation(clipLen + 1);
                boolean[] step = new boolean[clipLen + 1];
                for (int k = 0; k < frames - clipLen; k++) {
                    step[permutation[k]] = true;
                }
                int cumulative = 0;
                for (int k = 0; k < clipLen; k++) {
                    cumulative += step[k] ? 1 : 0;
                    out[at + k] = k + cumulative;
                }
            } else {
                for (int k = 0; k < clipLen; k++) {
                    int binStart = (int) ((long) k * frames / clipLen);
                    int binEnd = (int) ((long) (k + 1) * frames / clipLen);
                    out[at + k] = binStart + random.randint(binEnd - binStart);
                }
            }
            for (int k = 0; k < clipLen; k++) {
                out[at + k] = Math.floorMod(out[at + k] + offset, totalFrames) + startIndex;
            }
        }
        return out;
    }
}
