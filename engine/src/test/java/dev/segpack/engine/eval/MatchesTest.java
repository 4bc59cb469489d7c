package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CocoEval.matches agrees with the evaluation it reports on: per category, the true positives at IoU
 * 0.5 over the ground truths that count are the recall accumulate gives, and matches point both ways.
 */
class MatchesTest {

    @Test
    void truePositivesAreTheRecallAndMatchesPointBothWays() {
        for (IouType type : new IouType[] {IouType.BBOX, IouType.SEGM}) {
            String name = type == IouType.BBOX ? "synth_bbox" : "synth_segm";
            EvalFixtures.Set set = EvalFixtures.set("prepared/" + name + ".jsonl.gz", type);
            GroundTruth gt = set.gt();
            Detections dt = set.dt();
            long[] images = java.util.Arrays.stream(gt.imageIds()).distinct().toArray();
            long[] cats = java.util.Arrays.stream(gt.categoryIds()).distinct().toArray();
            EvalParams p = EvalParams.defaults(type, images, cats).withIouThrs(new double[] {.5})
                    .withAreaRanges(new double[][] {{0, 1e10}}, List.of("all"));
            Matches m = CocoEval.matches(p, gt, dt);
            Accumulation acc = CocoEval.evaluate(p, gt, dt, Runnable::run).accumulate(Runnable::run);
            for (int k = 0; k < p.catIds().length; k++) {
                int truePositives = 0, counted = 0;
                for (int d = 0; d < dt.size(); d++) {
                    if (dt.categoryIds()[d] == p.catIds()[k] && m.detectionState(d) == Matches.TRUE_POSITIVE) {
                        truePositives++;
                        int g = m.detectionMatch(d);
                        assertTrue(g >= 0 && !gt.iscrowd()[g] && m.groundTruthMatch(g) == d, name + " detection " + d);
                    }
                }
                for (int g = 0; g < gt.size(); g++) {
                    counted += gt.categoryIds()[g] == p.catIds()[k] && !gt.iscrowd()[g] ? 1 : 0;
                }
                double recall = acc.recall(0, k, 0, p.maxDets().length - 1);
                assertEquals(counted == 0 ? -1 : truePositives / (double) counted, recall, 1e-15, name + " category " + k);
            }
        }
    }
}
