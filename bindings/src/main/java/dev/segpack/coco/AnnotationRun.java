package dev.segpack.coco;

import java.io.Serializable;
import java.util.Iterator;
import java.util.stream.IntStream;

/**
 * Annotations [from, from + size()) of an indexed file with all that their conversion needs from
 * the index, so that any worker converts them from their bytes alone: the file range [start, end)
 * they span, each one's range within it, its image's size, and why it cannot be converted where
 * the index already knows (a failed load requirement; an image_id not in the images table; either
 * array null when no annotation of the run has one, as in nearly every run: a run waiting for a
 * worker holds 25 % less, and while a large file is indexed hundreds wait).
 * Serializable: a cluster's executors are handed runs, not the index.
 */
public record AnnotationRun(int from, long start, long end, int[] starts, int[] ends, int[] heights, int[] widths,
        String[] problems, String[] missingImages, long[] ids, boolean[] crowd) implements Serializable {

    public int size() {
        return starts.length;
    }

    /** Why the index refuses annotation k (a failed load requirement), or null. */
    String problem(int k) {
        return problems == null ? null : problems[k];
    }

    /** Why annotation k has no image to convert on, or null. */
    String missingImage(int k) {
        return missingImages == null ? null : missingImages[k];
    }

    /** The index's annotations as runs of {@code size} (the last one shorter), in file order, each made when asked for. */
    public static Iterator<AnnotationRun> runs(CocoIndex index, int size) {
        int n = index.annotationCount();
        return IntStream.iterate(0, a -> a < n, a -> a + size)
                .mapToObj(from -> of(index, from, Math.min(n, from + size))).iterator();
    }

    static AnnotationRun of(CocoIndex index, int from, int to) {
        Builder run = new Builder(index, from, to);
        for (int a = from; a < to; a++) {
            run.add(a);
        }
        return run.build();
    }

    /**
     * A run's columns, filled an annotation at a time. {@link #add} is a method of its own, called per
     * annotation, so the JIT compiles it after a few hundred calls: as the loop of {@link #of}, which
     * is called once a run, it ran interpreted until compiled on-stack, for the first ~60 runs (40 ms of
     * the indexing thread's 0.29 s of CPU on 200k annotations).
     */
    private static final class Builder {
        private final CocoIndex index;
        /** The run, its arrays being filled; without the reasons, made only for a run that has one. */
        private final AnnotationRun run;
        private String[] problems, missingImages;

        Builder(CocoIndex index, int from, int to) {
            this.index = index;
            int n = to - from;
            run = new AnnotationRun(from, index.annotationStart(from), index.annotationEnd(to - 1), new int[n], new int[n],
                    new int[n], new int[n], null, null, new long[n], new boolean[n]);
        }

        void add(int a) {
            int k = a - run.from();
            run.ids()[k] = index.annotationId(a);
            run.crowd()[k] = index.annotationIsCrowd(a);
            run.starts()[k] = Math.toIntExact(index.annotationStart(a) - run.start());
            run.ends()[k] = Math.toIntExact(index.annotationEnd(a) - run.start());
            String problem = index.annotationProblem(a);
            if (problem != null) {
                problems = problems == null ? new String[run.size()] : problems;
                problems[k] = problem;
            }
            int img = index.imageIndex(index.annotationImageId(a));
            if (img < 0) {
                missingImages = missingImages == null ? new String[run.size()] : missingImages;
                missingImages[k] = "image_id " + index.annotationImageId(a) + " is not in the images table";
            } else {
                run.heights()[k] = index.imageHeight(img);
                run.widths()[k] = index.imageWidth(img);
            }
        }

        AnnotationRun build() {
            return problems == null && missingImages == null ? run : new AnnotationRun(run.from(), run.start(), run.end(),
                    run.starts(), run.ends(), run.heights(), run.widths(), problems, missingImages, run.ids(), run.crowd());
        }
    }
}
