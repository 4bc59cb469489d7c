package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the recorded cases cannot show: no detections at all, and input refused with its reason. */
class CocoEvalTest {

    private static final long[] IMAGES = {7, 3};

    /** Two medium boxes on image 3, one large crowd box on image 7, all category 1. */
    private static GroundTruth boxes() {
        return new GroundTruth(new long[] {1, 2, 3}, new long[] {3, 3, 7}, new long[] {1, 1, 1},
                new double[] {2000, 3000, 20000}, new boolean[] {false, false, true},
                new double[] {0, 0, 40, 50, 100, 100, 50, 60, 0, 0, 200, 100}, null, null, null);
    }

    @Test
    void noDetectionsGivesZeroWhereThereIsGroundTruthAndMinusOneElsewhere() {
        Detections none = new Detections(new long[0], new long[0], new long[0], new double[0], new double[0],
                new double[0], null, null);
        EvalParams p = EvalParams.defaults(IouType.BBOX, IMAGES, new long[] {1, 2});
        Summary s = CocoEval.evaluate(p, boxes(), none, Runnable::run).accumulate(Runnable::run).summarize();
        // pycocotools' arithmetic with no detections: recall 0 and precision 0 where a gt counts;
        // small and large hold no counted gt (the large one is a crowd), so −1
        assertArrayEquals(new double[] {0, 0, 0, -1, 0, -1, 0, 0, 0, -1, 0, -1}, s.stats(), 0.0);
        assertEquals(" Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.000", s.lines().get(0));
        assertEquals(" Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000", s.lines().get(9));
    }

    @Test
    void aDetectionOnTheCrowdIsIgnoredAndAPerfectOneCounts() {
        Detections dts = new Detections(new long[] {1, 2, 3}, new long[] {7, 3, 7}, new long[] {1, 1, 1},
                new double[] {0.9, 0.8, 0.95}, new double[] {20000, 2000, 400},
                new double[] {0, 0, 200, 100, 0, 0, 40, 50, 10, 10, 20, 20}, null, null);
        EvalParams p = EvalParams.defaults(IouType.BBOX, IMAGES, new long[] {1});
        Accumulation acc = CocoEval.evaluate(p, boxes(), dts, Runnable::run).accumulate(Runnable::run);
        // two gts count; the crowd swallows detections 1 and 3, detection 2 finds gt 1: recall 1/2 at
        // every threshold, precision tp / (tp + fp + np.spacing(1)) = 1 / (1 + 2^-52) up to it, 0 beyond
        for (int t = 0; t < 10; t++) {
            assertEquals(0.5, acc.recall(t, 0, 0, 2), 0.0);
            assertEquals(0.9999999999999998, acc.precision(t, 50, 0, 0, 2), 0.0);
            assertEquals(0.0, acc.precision(t, 51, 0, 0, 2), 0.0);
        }
    }

    @Test
    void columnsOfDifferentLengthsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Detections(new long[] {1, 2},
                new long[] {3, 3}, new long[] {1, 1}, new double[] {0.5}, new double[2], new double[8], null, null));
        assertEquals("detections: 2 ids but 1 scores", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GroundTruth(new long[] {1}, new long[] {3},
                new long[] {1}, new double[1], new boolean[1], new double[3], null, null, null));
        assertEquals("ground truth: 3 box values for 1 rows (4 a row)", e.getMessage());
    }

    @Test
    void theColumnsTheIouTypeReadsMustBeThere() {
        EvalParams segm = EvalParams.defaults(IouType.SEGM, IMAGES, new long[] {1});
        Detections noMasks = new Detections(new long[0], new long[0], new long[0], new double[0], new double[0],
                new double[0], null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CocoEval.evaluate(segm, boxes(), noMasks, Runnable::run));
        assertEquals("segm evaluation needs the ground truths' masks", e.getMessage());
    }

    @Test
    void repeatedCategoriesArePooledOnlyOnce() {
        EvalParams p = EvalParams.defaults(IouType.BBOX, IMAGES, new long[] {2, 1, 2});
        assertArrayEquals(new long[] {1, 2}, p.catIds());
        assertThrows(IllegalArgumentException.class, () -> p.withUseCats(false).withCatIds(new long[] {2, 1, 2}));
    }
}
