package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * evalImgs (checked entry by entry against pycocotools' in the Python suite) holds the evaluation: accumulated
 * back, it gives the same arrays as the evaluation it was made from, for each iou type and with categories pooled.
 */
class ImageEvaluationsTest {

    @Test
    void accumulatingTheEntriesGivesTheEvaluationsArrays() {
        for (String name : List.of("synth_bbox", "synth_segm", "synth_keypoints")) {
            IouType type = name.endsWith("bbox") ? IouType.BBOX : name.endsWith("segm") ? IouType.SEGM : IouType.KEYPOINTS;
            EvalFixtures.Set set = EvalFixtures.set("prepared/" + name + ".jsonl.gz", type);
            long[] images = Arrays.stream(set.gt().imageIds()).distinct().toArray();
            long[] cats = Arrays.stream(set.gt().categoryIds()).distinct().toArray();
            EvalParams defaults = EvalParams.defaults(type, images, cats);
            for (EvalParams p : List.of(defaults, defaults.withUseCats(false).withMaxDets(1, 5, 7))) {
                Accumulation direct = CocoEval.evaluate(p, set.gt(), set.dt(), Runnable::run).accumulate(Runnable::run);
                ImageEvaluations entries = CocoEval.imageEvaluations(p, set.gt(), set.dt(), Runnable::run);
                Accumulation back = entries.accumulate(p, Runnable::run);
                String where = name + (p.useCats() ? "" : " pooled");
                assertArrayEquals(direct.precision(), back.precision(), where);
                assertArrayEquals(direct.recall(), back.recall(), where);
                assertArrayEquals(direct.scores(), back.scores(), where);
                assertTrue(entries.size() > 0 && entries.size() % p.areaRanges().length == 0, where);
            }
        }
    }

    @Test
    void entriesOfAnImageThatDifferByAreaRangeAreRefused() {
        EvalFixtures.Set set = EvalFixtures.set("prepared/synth_bbox.jsonl.gz", IouType.BBOX);
        long[] images = Arrays.stream(set.gt().imageIds()).distinct().toArray();
        long[] cats = Arrays.stream(set.gt().categoryIds()).distinct().toArray();
        EvalParams p = EvalParams.defaults(IouType.BBOX, images, cats);
        ImageEvaluations e = CocoEval.imageEvaluations(p, set.gt(), set.dt(), Runnable::run);
        int n = e.size() - 1;
        ImageEvaluations missing = new ImageEvaluations(Arrays.copyOf(e.category(), n), Arrays.copyOf(e.area(), n),
                Arrays.copyOf(e.image(), n), Arrays.copyOf(e.dtStart(), n + 1), e.dtIds(), e.dtScores(),
                Arrays.copyOf(e.gtStart(), n + 1), e.gtIds(), Arrays.copyOf(e.gtCounted(), n), e.dtMatches(),
                e.gtMatches(), e.dtIgnore());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> missing.accumulate(p, Runnable::run));
        assertTrue(refused.getMessage().contains("of the 4 area ranges' entries"), refused.getMessage());
    }
}
