package dev.segpack.engine.eval;

import java.util.Arrays;

/**
 * evaluateImg's matching at one IoU threshold and area range ({@link CocoEval#matches}): per detection
 * row its state and the ground-truth row it matched, per ground-truth row the detection that took it.
 */
public final class Matches {

    /** A detection evaluateImg did not look at: outside the parameters' images or categories, or past maxDets. */
    public static final byte NOT_EVALUATED = -1;
    public static final byte FALSE_POSITIVE = Evaluation.FALSE_POSITIVE;
    public static final byte TRUE_POSITIVE = Evaluation.TRUE_POSITIVE;
    /** Matched to an ignored ground truth (a crowd), or unmatched outside the area range. */
    public static final byte IGNORED = Evaluation.IGNORED;

    private final byte[] detectionStates;
    private final int[] detectionMatches;
    private final int[] groundTruthMatches;

    Matches(int groundTruths, int detections) {
        detectionStates = new byte[detections];
        Arrays.fill(detectionStates, NOT_EVALUATED);
        detectionMatches = new int[detections];
        Arrays.fill(detectionMatches, -1);
        groundTruthMatches = new int[groundTruths];
        Arrays.fill(groundTruthMatches, -1);
    }

    void set(int dtRow, byte state, int gtRow, boolean takesGroundTruth) {
        detectionStates[dtRow] = state;
        detectionMatches[dtRow] = gtRow;
        if (gtRow >= 0 && takesGroundTruth) {
            groundTruthMatches[gtRow] = dtRow;
        }
    }

    /** One of {@link #TRUE_POSITIVE}, {@link #FALSE_POSITIVE}, {@link #IGNORED}, {@link #NOT_EVALUATED}. */
    public byte detectionState(int dtRow) {
        return detectionStates[dtRow];
    }

    /** The ground-truth row the detection matched, or −1. */
    public int detectionMatch(int dtRow) {
        return detectionMatches[dtRow];
    }

    /** The detection row that took the ground truth (the last one, for a crowd), or −1 when none did. */
    public int groundTruthMatch(int gtRow) {
        return groundTruthMatches[gtRow];
    }
}
