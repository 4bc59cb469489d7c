package dev.segpack.engine.eval;

import java.util.Arrays;

/**
 * The (category, image) cells of an evaluation that hold a ground truth or a detection, ordered by
 * category position then image position (the order accumulate concatenates images in), each with its
 * rows in pycocotools' order: the file's order, and with categories pooled (useCats=0) category by
 * category in catIds order. Rows whose image or category is not in the parameters are left out, as
 * _prepare leaves them out.
 *
 * @param count    number of cells
 * @param category position of each cell's category in catIds (0 when categories are pooled)
 * @param image    position of each cell's image in imgIds
 * @param gtStart  cell c holds the ground truths {@code gtRows[gtStart[c] .. gtStart[c + 1])}
 * @param dtStart  cell c holds the detections {@code dtRows[dtStart[c] .. dtStart[c + 1])}
 */
record Cells(int count, int[] category, int[] image, int[] gtStart, int[] gtRows, int[] dtStart, int[] dtRows) {

    static Cells of(EvalParams p, long[] gtImages, long[] gtCategories, long[] dtImages, long[] dtCategories) {
        int images = p.imgIds().length, categories = p.catIds().length;
        if ((long) images * categories > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(images + " images × " + categories + " categories is too many cells");
        }
        long[] gt = sortedKeys(p, gtImages, gtCategories);
        long[] dt = sortedKeys(p, dtImages, dtCategories);
        int most = gt.length + dt.length;
        int[] category = new int[most], image = new int[most], gtStart = new int[most + 1], dtStart = new int[most + 1];
        int count = 0, g = 0, d = 0;
        while (g < gt.length || d < dt.length) {
            long cell = Math.min(g < gt.length ? cell(p, gt[g]) : Long.MAX_VALUE, d < dt.length ? cell(p, dt[d]) : Long.MAX_VALUE);
            category[count] = p.useCats() ? (int) (cell / images) : 0;
            image[count] = (int) (p.useCats() ? cell % images : cell);
            gtStart[count] = g;
            dtStart[count] = d;
            while (g < gt.length && cell(p, gt[g]) == cell) {
                g++;
            }
            while (d < dt.length && cell(p, dt[d]) == cell) {
                d++;
            }
            count++;
        }
        gtStart[count] = g;
        dtStart[count] = d;
        return new Cells(count, category, image, gtStart, rows(gt), dtStart, rows(dt));
    }

    /**
     * Per kept row, its sort key in the high 32 bits and its row index in the low 32: the key is
     * (category position, image position) with categories used, (image position, category position)
     * with categories pooled, so that sorting gives cells in order and rows in pycocotools' order.
     */
    private static long[] sortedKeys(EvalParams p, long[] imageIds, long[] categoryIds) {
        long[] cats = p.catIds();
        long[] sortedCats = cats.clone();
        Arrays.sort(sortedCats);
        int[] position = new int[cats.length];
        for (int k = 0; k < cats.length; k++) {
            position[Arrays.binarySearch(sortedCats, cats[k])] = k;
        }
        int images = p.imgIds().length, categories = cats.length;
        long[] keys = new long[imageIds.length];
        int n = 0;
        for (int row = 0; row < imageIds.length; row++) {
            int i = Arrays.binarySearch(p.imgIds(), imageIds[row]);
            int c = Arrays.binarySearch(sortedCats, categoryIds[row]);
            if (i < 0 || c < 0) {
                continue;
            }
            int k = position[c];
            long key = p.useCats() ? (long) k * images + i : (long) i * categories + k;
            keys[n++] = key << 32 | row;
        }
        keys = Arrays.copyOf(keys, n);
        Arrays.sort(keys);
        return keys;
    }

    /** The cell of a sorted key: (category, image) as one number, or the image when categories are pooled. */
    private static long cell(EvalParams p, long packed) {
        long key = packed >>> 32;
        return p.useCats() ? key : key / p.catIds().length;
    }

    private static int[] rows(long[] keys) {
        int[] rows = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            rows[i] = (int) keys[i];
        }
        return rows;
    }

    int gtCount(int c) {
        return gtStart[c + 1] - gtStart[c];
    }

    int dtCount(int c) {
        return dtStart[c + 1] - dtStart[c];
    }
}
