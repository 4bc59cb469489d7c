package dev.segpack.engine.skeleton;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * PYSKL's {@code DecompressPose(squeeze, max_person)}: a Kinetics-style compressed item (one
 * {@code [V, 3]} float16 row (x, y, score) per detected person, with its frame index) becomes the
 * plain {@code [M, T, V, 2]} keypoints and {@code [M, T, V]} scores, float16 as in the original. The
 * j-th row of a frame becomes person j; M is the largest number of rows in one frame. With
 * {@code squeeze} only the frames that have rows are kept (renumbered in order). When M exceeds
 * {@code maxPerson}, the persons of every frame are reordered by descending score sum (the float16
 * sum numpy computes: float32 pairwise partial sums, rounded to float16 once; ties keep their order)
 * and the first {@code maxPerson} are kept.
 *
 * <p>Refused where the original would crash or silently wrap: no rows, frame indices that decrease, a
 * frame index outside [0, total_frames) without squeeze, and a NaN score sum when persons must be
 * ordered.
 */
public final class DecompressPose {

    /**
     * A compressed item.
     *
     * @param totalFrames {@code total_frames}
     * @param joints V
     * @param keypoint float16 bits {@code [N, V, 3]}
     * @param frameInds {@code frame_inds} [N]
     * @param annoInds {@code anno_inds} (the rows to keep, in order), or null for all rows
     */
    public record Compressed(int totalFrames, int joints, short[] keypoint, int[] frameInds, int[] annoInds) {
        public Compressed {
            if (joints < 1 || keypoint.length != (long) frameInds.length * joints * 3) {
                throw new IllegalArgumentException("keypoint must hold frame_inds.length * V * 3 = "
                        + (long) frameInds.length * joints * 3 + " values, not " + keypoint.length);
            }
        }
    }

    /**
     * The plain layout.
     *
     * @param persons M (at most maxPerson)
     * @param totalFrames T, the new {@code total_frames}
     * @param joints V
     * @param keypoint float16 bits {@code [M, T, V, 2]}
     * @param score float16 bits {@code [M, T, V]}
     */
    public record Decompressed(int persons, int totalFrames, int joints, short[] keypoint, short[] score) {

        /** As float32 pose frames (exact widening) in an image of the given shape. */
        public PoseFrames toPoseFrames(int height, int width) {
            return PoseFrames.fromFloat16(persons, totalFrames, joints, keypoint, score, height, width);
        }
    }

    private final boolean squeeze;
    private final int maxPerson;

    /** The toolbox's defaults: squeeze, at most 10 persons. */
    public DecompressPose() {
        this(true, 10);
    }

    public DecompressPose(boolean squeeze, int maxPerson) {
        if (maxPerson < 1) {
            throw new IllegalArgumentException("max_person must be at least 1, not " + maxPerson);
        }
        this.squeeze = squeeze;
        this.maxPerson = maxPerson;
    }

    public Decompressed apply(Compressed item) {
        int v = item.joints();
        int[] rows = rows(item);
        if (rows.length == 0) {
            throw new IllegalArgumentException("no keypoint rows to decompress");
        }
        int[] frameInds = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            frameInds[i] = item.frameInds()[rows[i]];
            if (i > 0 && frameInds[i] < frameInds[i - 1]) {
                throw new IllegalArgumentException("frame_inds should be monotonically increasing: " + frameInds[i - 1]
                        + " is followed by " + frameInds[i]);
            }
        }
        int totalFrames = item.totalFrames();
        if (squeeze) {
            TreeMap<Integer, Integer> dense = new TreeMap<>();
            for (int f : frameInds) {
                dense.putIfAbsent(f, 0);
            }
            int next = 0;
            for (var e : dense.entrySet()) {
                e.setValue(next++);
            }
            for (int i = 0; i < frameInds.length; i++) {
                frameInds[i] = dense.get(frameInds[i]);
            }
            totalFrames = next;
        } else {
            for (int f : frameInds) {
                if (f < 0 || f >= totalFrames) {
                    throw new IllegalArgumentException("frame index " + f + " outside the " + totalFrames + " frames");
                }
            }
        }
        int[] perFrame = new int[totalFrames];
        int persons = 0;
        for (int f : frameInds) {
            persons = Math.max(persons, ++perFrame[f]);
        }
        short[] keypoint = new short[persons * totalFrames * v * 2];
        short[] score = new short[persons * totalFrames * v];
        Arrays.fill(perFrame, 0);
        for (int i = 0; i < rows.length; i++) {
            int f = frameInds[i];
            int point = (perFrame[f]++ * totalFrames + f) * v;
            int src = rows[i] * v * 3;
            for (int j = 0; j < v; j++) {
                keypoint[2 * (point + j)] = item.keypoint()[src + 3 * j];
                keypoint[2 * (point + j) + 1] = item.keypoint()[src + 3 * j + 1];
                score[point + j] = item.keypoint()[src + 3 * j + 2];
            }
        }
        if (persons <= maxPerson) {
            return new Decompressed(persons, totalFrames, v, keypoint, score);
        }
        reorderByScore(keypoint, score, perFrame, persons, totalFrames, v);
        int keptPoints = maxPerson * totalFrames * v;
        return new Decompressed(maxPerson, totalFrames, v, Arrays.copyOf(keypoint, 2 * keptPoints), Arrays.copyOf(score, keptPoints));
    }

    private static int[] rows(Compressed item) {
        int n = item.frameInds().length;
        if (item.annoInds() == null) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        for (int r : item.annoInds()) {
            if (r < 0 || r >= n) {
                throw new IllegalArgumentException("anno_inds refers to row " + r + " of " + n);
            }
        }
        return item.annoInds().clone();
    }

    /** Per frame, persons in descending order of their float16 score sums (stable), in place. */
    private static void reorderByScore(short[] keypoint, short[] score, int[] perFrame, int persons, int frames, int v) {
        float[] sums = new float[persons];
        Integer[] order = new Integer[persons];
        short[] kpCopy = new short[persons * v * 2];
        short[] scoreCopy = new short[persons * v];
        for (int f = 0; f < frames; f++) {
            int n = perFrame[f];
            for (int p = 0; p < n; p++) {
                int point = (p * frames + f) * v;
                sums[p] = Float16Sum.sum(score, point, v);
                if (Float.isNaN(sums[p])) {
                    throw new IllegalArgumentException("frame " + f + ": the scores of person " + p
                            + " sum to NaN, so the persons cannot be ordered by score");
                }
                order[p] = p;
                System.arraycopy(keypoint, 2 * point, kpCopy, 2 * p * v, 2 * v);
                System.arraycopy(score, point, scoreCopy, p * v, v);
            }
            // Python's sorted(key=-sum): stable, and -0.0 ties with 0.0
            Arrays.sort(order, 0, n, (a, b) -> sums[b] > sums[a] ? 1 : sums[b] < sums[a] ? -1 : 0);
            for (int p = 0; p < n; p++) {
                int point = (p * frames + f) * v;
                System.arraycopy(kpCopy, 2 * order[p] * v, keypoint, 2 * point, 2 * v);
                System.arraycopy(scoreCopy, order[p] * v, score, point, v);
            }
        }
    }
}
