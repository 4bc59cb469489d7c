package dev.segpack.engine.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * summarize(): the stats and the lines pycocotools prints, computed as _summarize does: the mean of
 * the entries above −1 of the selected slice (numpy's summation order), −1 when there is none. It reads
 * the labels "all", "small", "medium", "large" and, for detections, maxDets 100 and maxDets[0..2] (for
 * keypoints maxDets 20); a label or maxDets value the parameters lack gives −1, as in pycocotools.
 *
 * @param stats 12 values for bbox and segm, 10 for keypoints, in pycocotools' order
 * @param lines the lines summarize() prints, one per stat
 */
public record Summary(double[] stats, List<String> lines) {

    private record Stat(boolean ap, Double iouThr, String area, int maxDets) {
    }

    static Summary of(Accumulation acc) {
        EvalParams p = acc.params();
        List<Stat> wanted = new ArrayList<>();
        if (p.iouType() == IouType.KEYPOINTS) {
            for (boolean ap : new boolean[] {true, false}) {
                wanted.add(new Stat(ap, null, "all", 20));
                wanted.add(new Stat(ap, .5, "all", 20));
                wanted.add(new Stat(ap, .75, "all", 20));
                wanted.add(new Stat(ap, null, "medium", 20));
                wanted.add(new Stat(ap, null, "large", 20));
            }
        } else {
            int[] md = p.maxDets();
            if (md.length < 3) {
                throw new IllegalStateException("summarize needs 3 maxDets (pycocotools reads maxDets[2] and fails), not "
                        + md.length);
            }
            wanted.add(new Stat(true, null, "all", 100));
            wanted.add(new Stat(true, .5, "all", md[2]));
            wanted.add(new Stat(true, .75, "all", md[2]));
            wanted.add(new Stat(true, null, "small", md[2]));
            wanted.add(new Stat(true, null, "medium", md[2]));
            wanted.add(new Stat(true, null, "large", md[2]));
            wanted.add(new Stat(false, null, "all", md[0]));
            wanted.add(new Stat(false, null, "all", md[1]));
            wanted.add(new Stat(false, null, "all", md[2]));
            wanted.add(new Stat(false, null, "small", md[2]));
            wanted.add(new Stat(false, null, "medium", md[2]));
            wanted.add(new Stat(false, null, "large", md[2]));
        }
        double[] stats = new double[wanted.size()];
        List<String> lines = new ArrayList<>(wanted.size());
        for (int i = 0; i < stats.length; i++) {
            Stat s = wanted.get(i);
            stats[i] = mean(acc, s);
            lines.add(line(p, s, stats[i]));
        }
        return new Summary(stats, List.copyOf(lines));
    }

    /**
     * np.mean(s[s > -1]) of precision[t, :, :, aind, mind] (or recall[t, :, aind, mind]), with t every
     * threshold or those equal to iouThr, and (aind, mind) paired as numpy's advanced indexing pairs them.
     */
    private static double mean(Accumulation acc, Stat s) {
        EvalParams p = acc.params();
        int[] counts = acc.counts();
        int[] thresholds = indices(counts[0], i -> s.iouThr == null || p.iouThrs()[i] == s.iouThr);
        int[] aind = indices(counts[3], i -> p.areaLabels().get(i).equals(s.area));
        int[] mind = indices(counts[4], i -> p.maxDets()[i] == s.maxDets);
        int pairs = broadcast(aind.length, mind.length);
        int recalls = s.ap ? counts[1] : 1;
        double[] kept = new double[thresholds.length * recalls * counts[2] * pairs];
        int n = 0;
        for (int t : thresholds) {
            for (int r = 0; r < recalls; r++) {
                for (int k = 0; k < counts[2]; k++) {
                    for (int j = 0; j < pairs; j++) {
                        int a = aind[aind.length == 1 ? 0 : j], m = mind[mind.length == 1 ? 0 : j];
                        double v = s.ap ? acc.precision(t, r, k, a, m) : acc.recall(t, k, a, m);
                        if (v > -1) {
                            kept[n++] = v;
                        }
                    }
                }
            }
        }
        return n == 0 ? -1 : Numpy.sum(kept, n) / n;
    }

    /** The length two index lists broadcast to, as numpy's advanced indexing requires. */
    private static int broadcast(int x, int y) {
        if (x == y || y == 1) {
            return x;
        }
        if (x == 1) {
            return y;
        }
        throw new IllegalStateException("area labels and maxDets match " + x + " and " + y
                + " entries, which numpy cannot pair (pycocotools raises IndexError)");
    }

    private static int[] indices(int n, IntPredicate keep) {
        return IntStream.range(0, n).filter(keep).toArray();
    }

    /** _summarize's line: ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'. */
    private static String line(EvalParams p, Stat s, double value) {
        String iou = s.iouThr == null
                ? fixed(p.iouThrs()[0], 2) + ":" + fixed(p.iouThrs()[p.iouThrs().length - 1], 2)
                : fixed(s.iouThr, 2);
        return String.format(Locale.ROOT, " %-18s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %s",
                s.ap ? "Average Precision" : "Average Recall", s.ap ? "(AP)" : "(AR)", iou, s.area, s.maxDets,
                fixed(value, 3));
    }

    /** Python's '{:0.Nf}': the double's exact value rounded half-even (Java's %f rounds its shortest decimal form instead). */
    private static String fixed(double v, int digits) {
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }
}
