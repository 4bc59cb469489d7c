package dev.segpack.python;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.coco.Segmentation;
import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.CocoEval;
import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.Evaluation;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.eval.ImageEvaluations;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COCOeval as segpack.cocoeval calls it: the annotations COCOeval gathers from the two COCO objects
 * arrive as columns (numbers as primitive arrays, segmentations as one JSON list), the parameters as
 * COCOeval's, and the engine's evaluation, accumulation and evalImgs go back as primitive arrays. Work
 * is spread over {@link SharedWorkers}.
 */
public final class EvalCalls {

    private EvalCalls() {
    }

    /** An evaluation and what it was made from, for accumulate() and evalImgs. */
    public record Run(EvalParams params, GroundTruth gt, Detections dt, Evaluation evaluation) {

        public Accumulation accumulate() {
            return evaluation.accumulate(SharedWorkers.POOL);
        }

        /** evalImgs, evaluating once more with every match recorded. */
        public ImageEvaluations imageEvaluations() {
            return CocoEval.imageEvaluations(params, gt, dt, SharedWorkers.POOL);
        }
    }

    /** COCOeval's params ({@code areaRanges} flat, lo and hi of each range); sigmas for keypoints only. */
    public static EvalParams params(String iouType, long[] imgIds, long[] catIds, boolean useCats, double[] iouThrs,
            double[] recThrs, int[] maxDets, double[] areaRanges, String[] areaLabels, double[] kptOksSigmas) {
        IouType type = switch (iouType) {
            case "bbox" -> IouType.BBOX;
            case "segm" -> IouType.SEGM;
            case "keypoints" -> IouType.KEYPOINTS;
            default -> throw new IllegalArgumentException("iouType must be 'bbox', 'segm' or 'keypoints', not '" + iouType + "'");
        };
        if (areaRanges.length % 2 != 0) {
            throw new IllegalArgumentException("an area range is [lo, hi]");
        }
        double[][] ranges = new double[areaRanges.length / 2][];
        for (int a = 0; a < ranges.length; a++) {
            ranges[a] = Arrays.copyOfRange(areaRanges, 2 * a, 2 * a + 2);
        }
        return new EvalParams(type, imgIds, catIds, useCats, iouThrs, recThrs, maxDets, ranges, List.of(areaLabels),
                type == IouType.KEYPOINTS ? kptOksSigmas : null);
    }

    /**
     * The masks _prepare makes with annToRLE, one per annotation: {@code segmentations} is the JSON list of
     * their segmentation values, {@code imageSizes} each one's image [h, w] (flat), {@code ids} name them in
     * errors. A ground truth's RLE must have its image's size (as COCO.annToRLE requires); a result's RLE is
     * taken at its own size, as pycocotools takes it (a different size gives an IoU of −1).
     */
    public static Rle[] masks(byte[] segmentations, int[] imageSizes, long[] ids, boolean groundTruth) {
        Segmentation[] parsed = parse(segmentations, ids, groundTruth);
        if (imageSizes.length != 2 * parsed.length) {
            throw new IllegalArgumentException(parsed.length + " segmentations but " + imageSizes.length / 2 + " image sizes");
        }
        Rle[] masks = new Rle[parsed.length];
        Chunks chunks = Chunks.of(parsed.length);
        chunks.forEach(SharedWorkers.forBytes(segmentations.length), chunk -> {
            for (int i = chunks.start(chunk), end = chunks.start(chunk + 1); i < end; i++) {
                try {
                    masks[i] = mask(parsed[i], imageSizes[2 * i], imageSizes[2 * i + 1], groundTruth);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(what(groundTruth, ids[i]) + ": " + e.getMessage(), e);
                }
            }
        });
        return masks;
    }

    /**
     * {@link #masks} of segmentations that are all compressed RLEs (results usually are), passed as
     * {@link RleArgs} instead of JSON.
     */
    public static Rle[] compressedMasks(ByteBuffer strings, int[] lengths, int[] sizes, int[] imageSizes, long[] ids,
            boolean groundTruth) {
        if (imageSizes.length != sizes.length || ids.length != lengths.length) {
            throw new IllegalArgumentException(lengths.length + " RLEs but " + imageSizes.length / 2 + " image sizes and "
                    + ids.length + " ids");
        }
        for (int i = 0; groundTruth && i < lengths.length; i++) {
            if (sizes[2 * i] != imageSizes[2 * i] || sizes[2 * i + 1] != imageSizes[2 * i + 1]) {
                throw new IllegalArgumentException(what(true, ids[i]) + ": RLE size [" + sizes[2 * i] + ","
                        + sizes[2 * i + 1] + "] differs from its image's [" + imageSizes[2 * i] + "," + imageSizes[2 * i + 1]
                        + "]");
            }
        }
        Rle[] masks = new Rle[lengths.length];
        RleArgs.forEach(strings, lengths, sizes, i -> what(groundTruth, ids[i]), (i, rle) -> masks[i] = rle);
        return masks;
    }

    private static Rle mask(Segmentation s, int imageH, int imageW, boolean groundTruth) {
        if (groundTruth) {
            return s.toRle(imageH, imageW);
        }
        return switch (s) {
            case Segmentation.Polygons p -> p.toRle(imageH, imageW);
            case Segmentation.UncompressedRle u -> Rle.of(u.h(), u.w(), u.counts());
            case Segmentation.CompressedRle c -> RleString.decode(c.h(), c.w(), c.counts());
        };
    }

    private static Segmentation[] parse(byte[] json, long[] ids, boolean groundTruth) {
        List<Segmentation> out = new ArrayList<>(ids.length);
        try (JsonParser p = Json.parser(json)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("segmentations must be a JSON list");
            }
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (out.size() == ids.length) {
                    throw new IllegalArgumentException("more segmentations than the " + ids.length + " annotations");
                }
                try {
                    out.add(Segmentation.parse(p));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(what(groundTruth, ids[out.size()]) + ": " + e.getMessage(), e);
                }
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("segmentations could not be read as JSON (NaN or infinite coordinates?): "
                    + Json.problem(e), e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (out.size() != ids.length) {
            throw new IllegalArgumentException(out.size() + " segmentations for " + ids.length + " annotations");
        }
        return out.toArray(Segmentation[]::new);
    }

    private static String what(boolean groundTruth, long id) {
        return (groundTruth ? "ground-truth annotation " : "result ") + "id " + id;
    }

    /** The ground truths (_gts) as columns; boxes, masks, keypoints and numKeypoints only where the iou type reads them. */
    public static GroundTruth groundTruth(long[] ids, long[] imageIds, long[] categoryIds, double[] areas, byte[] iscrowd,
            double[] boxes, Rle[] masks, double[] keypoints, int[] numKeypoints) {
        boolean[] crowd = new boolean[iscrowd.length];
        for (int i = 0; i < crowd.length; i++) {
            crowd[i] = iscrowd[i] != 0;
        }
        return new GroundTruth(ids, imageIds, categoryIds, areas, crowd, boxes, masks, keypoints, numKeypoints);
    }

    /** The results (_dts) as columns, as {@link #groundTruth}. */
    public static Detections detections(long[] ids, long[] imageIds, long[] categoryIds, double[] scores, double[] areas,
            double[] boxes, Rle[] masks, double[] keypoints) {
        return new Detections(ids, imageIds, categoryIds, scores, areas, boxes, masks, keypoints);
    }

    /**
     * accumulate() over an evalImgs list the caller assigned (e.g. merged from evaluations of parts of the
     * images), flattened as {@link ImageEvaluations} (dtIgnore as one byte per flag).
     */
    public static Accumulation accumulate(EvalParams params, int[] category, int[] area, int[] image, int[] dtStart,
            long[] dtIds, double[] dtScores, int[] gtStart, long[] gtIds, int[] gtCounted, double[] dtMatches,
            double[] gtMatches, byte[] dtIgnore) {
        boolean[] ignore = new boolean[dtIgnore.length];
        for (int i = 0; i < ignore.length; i++) {
            ignore[i] = dtIgnore[i] != 0;
        }
        return new ImageEvaluations(category, area, image, dtStart, dtIds, dtScores, gtStart, gtIds, gtCounted, dtMatches,
                gtMatches, ignore).accumulate(params, SharedWorkers.POOL);
    }

    /** evaluate(): every (image, category) cell of the parameters. */
    public static Run evaluate(EvalParams params, GroundTruth gt, Detections dt) {
        return new Run(params, gt, dt, CocoEval.evaluate(params, gt, dt, SharedWorkers.POOL));
    }
}
