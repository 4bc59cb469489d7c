package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The numpy operations whose exact results COCOeval depends on (values computed with numpy 1.24). */
class NumpyTest {

    @Test
    void argsortOfNegatedScoresIsStableDescendingWithNaNLast() {
        double[] scores = {0.5, Double.NaN, 0.9, 0.5, -0.0, 0.9, 0.0, Double.NaN, 1.0};
        // np.argsort(-np.array(scores), kind='mergesort')
        assertArrayEquals(new int[] {8, 2, 5, 0, 3, 4, 6, 1, 7}, Numpy.descendingOrder(scores, 0, scores.length));
    }

    @Test
    void argsortKeepsTieOrderAcrossMergedRuns() {
        double[] scores = new double[100];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = (i * 37 % 5) / 4.0;
        }
        int[] order = Numpy.descendingOrder(scores, 0, scores.length);
        for (int i = 1; i < order.length; i++) {
            double prev = scores[order[i - 1]], cur = scores[order[i]];
            assertEquals(true, prev > cur || (prev == cur && order[i - 1] < order[i]), "position " + i);
        }
    }

    @Test
    void linspaceIsNumpys() {
        // np.linspace(.5, .95, 10).tolist(): 0.9 comes out one bit below 0.9
        assertArrayEquals(new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95},
                Numpy.linspace(.5, .95, 10), 0.0);
        assertEquals(0.07, Numpy.linspace(0, 1, 101)[7], 0.0);
    }

    @Test
    void sumIsPairwiseInBuffersOf8192() {
        // np.sum of 9000 values: 1e16 at 0, −1e16 at 1000, ones elsewhere. The ones that share a
        // running sum with 1e16 are lost; numpy sums the first 8192 values and the last 808 apart,
        // which gives 8980 (one pairwise sum over all 9000 would give 8986, a plain loop 7999)
        double[] x = new double[9000];
        Arrays.fill(x, 1.0);
        x[0] = 1e16;
        x[1000] = -1e16;
        assertEquals(8980.0, Numpy.sum(x, x.length), 0.0);
        // eight running sums below 128 values; a plain loop below 8
        assertEquals(4.0, Numpy.sum(new double[] {1e16, 1, -1e16, 1, 1, 1, 1, 1}, 8), 0.0);
        assertEquals(2.0, Numpy.sum(new double[] {1e16, 1, -1e16, 1, 1}, 5), 0.0);
    }

    @Test
    void searchsortedLeftFindsTheFirstValueNotBelow() {
        double[] rc = {0.1, 0.2, 0.2, 0.5};
        assertEquals(0, Numpy.searchLeft(rc, 4, 0.0));
        assertEquals(1, Numpy.searchLeft(rc, 4, 0.2));
        assertEquals(3, Numpy.searchLeft(rc, 4, 0.3));
        assertEquals(4, Numpy.searchLeft(rc, 4, 0.51));
    }
}
