package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** evaluate() in parts, merged, is evaluate() of all the rows: the same accumulate arrays, for any split. */
class EvaluationPartsTest {

    @ParameterizedTest
    @CsvSource({"synth_bbox, BBOX, true", "synth_bbox, BBOX, false", "synth_segm, SEGM, true",
        "synth_segm, SEGM, false", "synth_keypoints, KEYPOINTS, true", "coco_mini_segm, SEGM, true"})
    void partsMergedAreTheWholeEvaluation(String set, IouType type, boolean useCats) {
        EvalFixtures.Set rows = EvalFixtures.set("prepared/" + set + ".jsonl.gz", type);
        EvalParams p = params(rows.gt(), type).withUseCats(useCats);
        Accumulation whole = CocoEval.evaluate(p, rows.gt(), rows.dt(), Runnable::run).accumulate(Runnable::run);
        for (int n : new int[] {1, 2, 7, 100_000}) {
            List<EvaluationParts.Rows> split = EvaluationParts.split(p, rows.gt(), rows.dt(), n);
            assertTrue(split.size() <= n, set + ": " + split.size() + " parts");
            List<EvaluationParts.Part> parts = new ArrayList<>();
            for (EvaluationParts.Rows r : split) {
                parts.add(EvaluationParts.Part.of(CocoEval.evaluate(p, rows.gt().rows(r.gt()), rows.dt().rows(r.dt()),
                        Runnable::run)));
            }
            Collections.reverse(parts);
            Accumulation merged = EvaluationParts.merge(p, rows.gt(), rows.dt(), parts).accumulate(Runnable::run);
            String what = set + ", useCats " + useCats + ", " + n + " parts";
            assertArrayEquals(whole.precision(), merged.precision(), 0.0, what);
            assertArrayEquals(whole.recall(), merged.recall(), 0.0, what);
            assertArrayEquals(whole.scores(), merged.scores(), 0.0, what);
        }
    }

    @Test
    void partsThatDoNotHoldEveryCellOnceAreRefused() {
        EvalFixtures.Set rows = EvalFixtures.set("prepared/synth_bbox.jsonl.gz", IouType.BBOX);
        EvalParams p = params(rows.gt(), IouType.BBOX);
        List<EvaluationParts.Part> parts = new ArrayList<>();
        for (EvaluationParts.Rows r : EvaluationParts.split(p, rows.gt(), rows.dt(), 2)) {
            parts.add(EvaluationParts.Part.of(CocoEval.evaluate(p, rows.gt().rows(r.gt()), rows.dt().rows(r.dt()),
                    Runnable::run)));
        }
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> EvaluationParts.merge(p, rows.gt(), rows.dt(), parts.subList(0, 1)));
        assertTrue(missing.getMessage().startsWith("the parts miss "), missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> EvaluationParts.merge(p, rows.gt(), rows.dt(), List.of(parts.get(0), parts.get(0))));
        assertTrue(twice.getMessage().endsWith("is in two parts"), twice.getMessage());
    }

    @Test
    void nothingToEvaluateIsNoPart() {
        EvalFixtures.Set rows = EvalFixtures.set("prepared/synth_bbox.jsonl.gz", IouType.BBOX);
        EvalParams p = params(rows.gt(), IouType.BBOX).withImgIds(new long[] {-5});
        assertEquals(List.of(), EvaluationParts.split(p, rows.gt(), rows.dt(), 4));
        assertEquals(0, EvaluationParts.merge(p, rows.gt(), rows.dt(), List.of()).detections());
    }

    /** COCOeval's defaults over the images and categories of the ground truth. */
    private static EvalParams params(GroundTruth gt, IouType type) {
        return EvalParams.defaults(type, gt.imageIds(), Arrays.stream(gt.categoryIds()).distinct().toArray());
    }
}
