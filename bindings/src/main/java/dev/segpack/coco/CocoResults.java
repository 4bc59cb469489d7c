package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.eval.MaskColumn;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.Foreground;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.Executor;

/**
 * A results file read as {@code COCO.loadRes} reads it, into the engine's {@link Detections}: one pass
 * of {@link JsonScanner} over the list, each result kept as primitive columns (and its mask or
 * keypoints only when the iou type compares them; a compressed RLE as its counts string), so memory
 * follows the number of results, not the file's size. The form of every result is the one the first
 * result has ({@link Form}), as in pycocotools; results are numbered 1..n.
 *
 * <p>Where pycocotools crashes, this gives an answer: an empty list loads as no detections, and a segm
 * result with polygons but no bbox is rasterised on its image (area and box from that mask). Input
 * pycocotools accepts but cannot evaluate (an image or category not in the ground truth, no score, a
 * malformed mask) is an error naming the result's position. Masks are made in batches of results
 * on an executor; a bad mask is reported when its batch is, after the other checks of that batch.
 */
public final class CocoResults {

    /** loadRes' branch, chosen by the first result: what area and box each result gets. */
    public enum Form {
        /** No results (pycocotools raises IndexError). */
        EMPTY,
        /** The first result has a non-empty bbox: area = w·h of each box; without a segmentation the mask is the box. */
        BBOX,
        /** The first has a segmentation and no bbox: area from the mask, the box from the mask unless given. */
        SEGMENTATION,
        /** The first has keypoints only: box and area from the extent of the points. */
        KEYPOINTS
    }

    private static final int CHUNK = 1 << 20;
    private static final int READ_AHEAD = 1 << 16;
    private static final JsonKeys KEYS = new JsonKeys("image_id", "category_id", "score", "bbox", "segmentation",
            "keypoints", "caption");
    private static final int IMAGE_ID = 0, CATEGORY_ID = 1, SCORE = 2, BBOX = 3, SEGMENTATION = 4, KEYPOINTS = 5,
            CAPTION = 6;
    private static final JsonKeys RLE_KEYS = new JsonKeys("size", "counts");
    /** Results whose masks are decoded together, on the executor. */
    private static final int BATCH = 4096;

    private final Path path;
    private final CocoIndex gt;
    private final IouType type;
    private final IndexedFile file;
    private final Executor executor;
    private final IntOpenHashSet categories = new IntOpenHashSet();
    private Form form = Form.EMPTY;
    private int count;
    private long[] imageIds = new long[1024];
    private long[] categoryIds = new long[1024];
    private double[] scores = new double[1024];
    private double[] areas = new double[1024];
    private double[] boxes = new double[4 * 1024];
    /**
     * The masks for segm (else null): held, or (null there) kept as the counts string at maskCountsAt
     * in {@link #counts}, with its length and the RLE's size, and decoded when asked for ({@link #masks()}).
     */
    private Rle[] masks;
    private long[] maskCountsAt;
    private int[] maskCountsLength, maskH, maskW;
    private double[] keypoints;
    private int keypointValues = -1;
    private int sizeMismatches;

    /**
     * Results whose mask is still to be made from their segmentation (the bulk of loading segm
     * results), and whether the mask also gives their area and (when they have none) their box.
     */
    private final int[] pendingRows = new int[BATCH];
    private final int[] pendingImages = new int[BATCH];
    /** Each pending segmentation: parsed, or (null there) a compressed RLE whose counts were copied from the file in place. */
    private final Segmentation[] pendingSegmentations = new Segmentation[BATCH];
    private final int[] pendingRleH = new int[BATCH];
    private final int[] pendingRleW = new int[BATCH];
    private final long[] pendingCountsAt = new long[BATCH];
    private final int[] pendingCountsLength = new int[BATCH];
    /** The counts strings read in place: for segm the kept masks; otherwise dropped after each batch. */
    private final CountsStrings counts = new CountsStrings();
    private final byte[] pendingUse = new byte[BATCH];
    private final boolean[] pendingMismatch = new boolean[BATCH];
    private int pending;
    private static final byte MASK = 0, MASK_AREA = 1, MASK_AREA_BOX = 2;

    // the result being read
    private final double[] box = new double[4];
    private int boxValues;
    private boolean hasImage, hasCategory, hasScore, hasKeypoints;
    /** Its segmentation, parsed; or a compressed RLE of rleH×rleW read in place (countsLength ≥ 0, the counts at countsAt in counts). */
    private Segmentation segmentation;
    private int rleH, rleW, countsLength;
    private long countsAt;
    private double[] points = new double[64];
    private int pointCount;

    private CocoResults(Path path, FileChannel channel, CocoIndex gt, IouType type, Executor executor) {
        this.path = path;
        this.executor = executor;
        this.file = new IndexedFile(path, channel);
        this.gt = gt;
        this.type = type;
        for (int c = 0; c < gt.categoryCount(); c++) {
            categories.add(gt.categoryId(c));
        }
        if (type == IouType.SEGM) {
            masks = new Rle[1024];
            maskCountsAt = new long[1024];
            maskCountsLength = new int[1024];
            maskH = new int[1024];
            maskW = new int[1024];
        }
        keypoints = type == IouType.KEYPOINTS ? new double[51 * 1024] : null;
    }

    /**
     * Reads the results file {@code path} against the ground truth {@code gt}, keeping what an
     * evaluation of {@code type} compares: boxes always, masks for segm, keypoints for keypoints.
     */
    public static CocoResults load(Path path, CocoIndex gt, IouType type) throws IOException {
        return load(path, gt, type, Runnable::run);
    }

    /** {@link #load(Path, CocoIndex, IouType)} with the masks decoded on {@code executor} while the file is read. */
    public static CocoResults load(Path path, CocoIndex gt, IouType type, Executor executor) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            CocoResults results = new CocoResults(path, ch, gt, type, executor);
            try {
                results.read(new JsonScanner(ch, 0, CHUNK));
            } catch (JsonInputException e) {
                throw e.toCocoFormatException(path, ch);
            } catch (UncheckedIOException e) {
                throw new IOException(path + ": " + e.getMessage(), e.getCause());
            }
            return results;
        }
    }

    public Form form() {
        return form;
    }

    public int size() {
        return count;
    }

    /** Results whose mask size is not their image's: in segm evaluation, pycocotools gives them IoU −1 with every ground truth. */
    public int sizeMismatches() {
        return sizeMismatches;
    }

    /** The results as the engine's detections: ids 1..n in file order, with loadRes' areas; for segm every mask, decoded. */
    public Detections detections() {
        Rle[] all = masks == null ? null : new Rle[count];
        if (all != null) {
            Arrays.setAll(all, i -> masks[i] != null ? masks[i] : counts.decode(maskH[i], maskW[i], maskCountsAt[i],
                    maskCountsLength[i]));
        }
        return detections(all);
    }

    /** {@link #detections()} without the masks, which segm evaluation takes from {@link #masks()} one cell at a time. */
    public Detections detectionsWithoutMasks() {
        return detections(null);
    }

    private Detections detections(Rle[] masks) {
        long[] ids = new long[count];
        Arrays.setAll(ids, i -> i + 1L);
        return new Detections(ids, Arrays.copyOf(imageIds, count), Arrays.copyOf(categoryIds, count),
                Arrays.copyOf(scores, count), Arrays.copyOf(areas, count), Arrays.copyOf(boxes, 4 * count), masks,
                keypoints == null ? null : Arrays.copyOf(keypoints, Math.max(0, keypointValues) * count));
    }

    /**
     * The results' masks, for segm (null for the other iou types): those read as compressed RLEs stay
     * their counts strings, about a quarter of the memory, and are decoded (again: the load checked
     * them) into a thread's scratch array each time one is asked for.
     */
    public MaskColumn masks() {
        if (masks == null) {
            return null;
        }
        Rle[] held = masks;
        long[] at = maskCountsAt;
        int[] length = maskCountsLength, h = maskH, w = maskW;
        ThreadLocal<int[][]> scratch = ThreadLocal.withInitial(() -> new int[1][256]);
        return row -> {
            if (held[row] != null) {
                return Foreground.of(held[row]);
            }
            int[][] runs = scratch.get();
            if (runs[0].length < length[row]) {
                runs[0] = new int[Math.max(length[row], 2 * runs[0].length)];
            }
            return Foreground.of(h[row], w[row], runs[0], counts.decodeCounts(at[row], length[row], runs[0]));
        };
    }

    private void read(JsonScanner s) {
        if (s.peek() != '[') {
            throw new CocoFormatException(path + ": not a results file (the top level is "
                    + (s.peek() == -1 ? "empty" : s.valueKind()) + ", not a list of results)");
        }
        if (s.enterArray()) {
            do {
                s.readAhead(READ_AHEAD);
                if (s.peek() != '{') {
                    throw error(count, "is " + s.valueKind() + ", not an object");
                }
                try {
                    readResult(s);
                } catch (JsonInputException e) {
                    throw e.within("result #" + count);
                }
                add(count);
                count++;
            } while (s.nextElement());
        }
        s.expectEnd();
        decodePending();
    }

    private void readResult(JsonScanner s) {
        hasImage = hasCategory = hasScore = hasKeypoints = false;
        boxValues = -1;
        segmentation = null;
        countsLength = -1;
        if (!s.enterObject()) {
            return;
        }
        int index = count;
        do {
            switch (s.key(KEYS)) {
                case IMAGE_ID -> {
                    hasImage = s.readIntegerOrSkip();
                    if (hasImage) {
                        imageIds = grow(imageIds, index, 1);
                        imageIds[index] = s.longValue();
                    }
                }
                case CATEGORY_ID -> {
                    hasCategory = s.readIntegerOrSkip();
                    if (hasCategory) {
                        categoryIds = grow(categoryIds, index, 1);
                        categoryIds[index] = s.longValue();
                    }
                }
                case SCORE -> {
                    hasScore = s.readNumberOrSkip();
                    if (hasScore) {
                        scores = grow(scores, index, 1);
                        scores[index] = s.doubleValue();
                    }
                }
                case BBOX -> readBox(s, index);
                case SEGMENTATION -> {
                    // needed for the form, the area or the mask; otherwise only skipped
                    if (index == 0 || form == Form.SEGMENTATION || type == IouType.SEGM) {
                        readSegmentation(s, index);
                    } else {
                        s.skipValue();
                    }
                }
                case KEYPOINTS -> readKeypoints(s, index);
                case CAPTION -> {
                    if (index == 0) {
                        throw error(0, "is a caption result; only bbox, segm and keypoints results are evaluated");
                    }
                    s.skipValue();
                }
                default -> s.skipValue();
            }
        } while (s.nextMember());
    }

    /** Completes result {@code i}: checks its ids and score, and sets its area, box, mask and keypoints as loadRes does. */
    private void add(int i) {
        if (i == 0) {
            form = boxValues > 0 ? Form.BBOX : hasSegmentation() ? Form.SEGMENTATION
                    : hasKeypoints ? Form.KEYPOINTS : null;
            if (form == null) {
                throw error(0, "has no bbox, segmentation or keypoints");
            }
        }
        if (!hasImage) {
            throw error(i, "has no integer image_id");
        }
        int image = gt.imageIndex(imageIds[i]);
        if (image < 0) {
            throw error(i, "image_id " + imageIds[i] + " is not in the ground truth's images");
        }
        if (!hasCategory) {
            throw error(i, "has no integer category_id");
        }
        if (categoryIds[i] != (int) categoryIds[i] || !categories.contains((int) categoryIds[i])) {
            throw error(i, "category_id " + categoryIds[i] + " is not in the ground truth's categories");
        }
        if (!hasScore) {
            throw error(i, "has no score");
        }
        areas = grow(areas, i, 1);
        boxes = grow(boxes, i, 4);
        if (masks != null) {
            masks = grow(masks, i);
            maskCountsAt = grow(maskCountsAt, i, 1);
            maskCountsLength = grow(maskCountsLength, i);
            maskH = grow(maskH, i);
            maskW = grow(maskW, i);
        }
        switch (form) {
            case BBOX -> {
                if (boxValues != 4) {
                    throw error(i, boxValues < 0 ? "has no bbox (the first result has one)"
                            : "has a bbox of " + boxValues + " values, not [x, y, w, h]");
                }
                System.arraycopy(box, 0, boxes, 4 * i, 4);
                areas[i] = box[2] * box[3];
                if (type == IouType.SEGM && !hasSegmentation()) {
                    masks[i] = MaskApi.frBbox(new Bbox(box[0], box[1], box[2], box[3]), gt.imageHeight(image),
                            gt.imageWidth(image));
                } else if (type == IouType.SEGM) {
                    defer(i, image, MASK);
                }
            }
            case SEGMENTATION -> {
                if (!hasSegmentation()) {
                    throw error(i, "has no segmentation (the first result has one)");
                }
                if (boxValues == 4) {
                    System.arraycopy(box, 0, boxes, 4 * i, 4);
                }
                defer(i, image, boxValues == 4 ? MASK_AREA : MASK_AREA_BOX);
            }
            default -> {
                if (!hasKeypoints || pointCount < 2) {
                    throw error(i, "has no keypoints to take a box from (the first result has keypoints only)");
                }
                extent(i);
                if (type == IouType.SEGM) {
                    if (!hasSegmentation()) {
                        throw error(i, "has no segmentation, which segm evaluation compares");
                    }
                    defer(i, image, MASK);
                }
            }
        }
        if (keypoints != null) {
            addKeypoints(i);
        }
    }

    /** The keypoints form: the box and area of the points' extent, unlabelled (0, 0) points included. */
    private void extent(int i) {
        double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < pointCount; k += 3) {
            x0 = Math.min(x0, points[k]);
            x1 = Math.max(x1, points[k]);
        }
        for (int k = 1; k < pointCount; k += 3) {
            y0 = Math.min(y0, points[k]);
            y1 = Math.max(y1, points[k]);
        }
        areas[i] = (x1 - x0) * (y1 - y0);
        boxes[4 * i] = x0;
        boxes[4 * i + 1] = y0;
        boxes[4 * i + 2] = x1 - x0;
        boxes[4 * i + 3] = y1 - y0;
    }

    private void addKeypoints(int i) {
        if (!hasKeypoints) {
            throw error(i, "has no keypoints, which keypoint evaluation compares");
        }
        if (keypointValues < 0) {
            if (pointCount % 3 != 0) {
                throw error(i, "has " + pointCount + " keypoint values, not x, y, v triples");
            }
            keypointValues = pointCount;
        } else if (pointCount != keypointValues) {
            throw error(i, "has " + pointCount + " keypoint values, the first result " + keypointValues);
        }
        keypoints = grow(keypoints, i, keypointValues);
        System.arraycopy(points, 0, keypoints, i * keypointValues, keypointValues);
    }

    private boolean hasSegmentation() {
        return segmentation != null || countsLength >= 0;
    }

    private void defer(int i, int image, byte use) {
        pendingRows[pending] = i;
        pendingImages[pending] = image;
        pendingSegmentations[pending] = segmentation;
        pendingRleH[pending] = rleH;
        pendingRleW[pending] = rleW;
        pendingCountsAt[pending] = countsAt;
        pendingCountsLength[pending] = countsLength;
        pendingUse[pending] = use;
        if (++pending == BATCH) {
            decodePending();
        }
    }

    /** Makes the pending masks, in chunks on the executor; a failure is that of the first bad result. */
    private void decodePending() {
        Chunks chunks = Chunks.of(pending);
        chunks.forEach(executor, chunk -> {
            for (int j = chunks.start(chunk), end = chunks.start(chunk + 1); j < end; j++) {
                int i = pendingRows[j];
                Rle rle = mask(j);
                pendingMismatch[j] = rle.h() != gt.imageHeight(pendingImages[j]) || rle.w() != gt.imageWidth(pendingImages[j]);
                if (pendingUse[j] != MASK) {
                    areas[i] = MaskApi.area(rle);
                }
                if (pendingUse[j] == MASK_AREA_BOX) {
                    System.arraycopy(MaskApi.toBbox(rle).toArray(), 0, boxes, 4 * i, 4);
                }
                if (masks != null && pendingSegmentations[j] == null) {
                    maskCountsAt[i] = pendingCountsAt[j];
                    maskCountsLength[i] = pendingCountsLength[j];
                    maskH[i] = pendingRleH[j];
                    maskW[i] = pendingRleW[j];
                } else if (masks != null) {
                    masks[i] = rle;
                }
            }
        });
        for (int j = 0; j < pending; j++) {
            sizeMismatches += pendingMismatch[j] ? 1 : 0;
            pendingSegmentations[j] = null;
        }
        pending = 0;
        if (masks == null) {
            counts.clear();
        }
    }

    /**
     * annToRLE of pending result {@code j}'s segmentation: polygons rasterised on the image, an RLE
     * taken at its own size (pycocotools does not compare it with the image's; a different size gives
     * IoU −1).
     */
    private Rle mask(int j) {
        int i = pendingRows[j], h = gt.imageHeight(pendingImages[j]), w = gt.imageWidth(pendingImages[j]);
        try {
            if (pendingSegmentations[j] == null) {
                return counts.decode(pendingRleH[j], pendingRleW[j], pendingCountsAt[j], pendingCountsLength[j]);
            }
            return switch (pendingSegmentations[j]) {
                case Segmentation.Polygons p -> p.toRle(h, w);
                case Segmentation.UncompressedRle u -> Rle.of(u.h(), u.w(), u.counts());
                case Segmentation.CompressedRle c -> RleString.decode(c.h(), c.w(), c.counts());
            };
        } catch (IllegalArgumentException e) {
            throw error(i, "segmentation: " + e.getMessage());
        }
    }

    private void readBox(JsonScanner s, int i) {
        boxValues = s.peek() == '[' ? 0 : -1;
        if (!s.enterArrayOrSkip()) {
            return;
        }
        do {
            double value = number(s, i, "bbox");
            if (boxValues < 4) {
                box[boxValues] = value;
            }
            boxValues++;
        } while (s.nextElement());
    }

    private void readKeypoints(JsonScanner s, int i) {
        pointCount = 0;
        hasKeypoints = s.peek() == '[';
        if (!s.enterArrayOrSkip()) {
            return;
        }
        do {
            double value = number(s, i, "keypoint");
            if (pointCount == points.length) {
                points = Arrays.copyOf(points, 2 * pointCount);
            }
            points[pointCount++] = value;
        } while (s.nextElement());
    }

    /** The next element of a list of result {@code i}'s {@code what} values, which must be a number. */
    private double number(JsonScanner s, int i, String what) {
        if (!s.readNumberOrSkip()) {
            throw error(i, "has a " + what + " value that is not a number");
        }
        return s.doubleValue();
    }

    /**
     * Reads result {@code i}'s segmentation. A compressed RLE is read in place (the usual form of segm
     * results), its counts copied to {@link #counts} when they are plain ASCII; any other value
     * is located, then parsed from its bytes with the annotation reader's rules.
     */
    private void readSegmentation(JsonScanner s, int i) {
        segmentation = null; // a repeated member: the last one counts, as in Python
        countsLength = -1;
        long start = s.valueOffset();
        if (s.peek() == '{') {
            int h = -1, w = -1, length = -1;
            long at = -1;
            String text = null;
            boolean other = false;
            if (s.enterObject()) {
                do {
                    switch (s.key(RLE_KEYS)) {
                        case 0 -> {
                            long[] hw = readSize(s);
                            h = (int) hw[0];
                            w = (int) hw[1];
                            other |= h < 0;
                        }
                        case 1 -> {
                            length = s.readAsciiString();
                            if (length >= 0) {
                                at = counts.append(s, length);
                                text = null;
                            } else {
                                text = s.readStringOrSkip();
                                other |= text == null;
                            }
                        }
                        default -> s.skipValue();
                    }
                } while (s.nextMember());
            }
            if (!other && h >= 0 && length >= 0) {
                rleH = h;
                rleW = w;
                countsAt = at;
                countsLength = length;
                return;
            }
            if (!other && h >= 0 && text != null) {
                segmentation = new Segmentation.CompressedRle(h, w, text);
                return;
            }
        } else {
            s.skipDeferredValue();
        }
        try (JsonParser p = file.parser(start, s.offset())) {
            p.nextToken();
            segmentation = Segmentation.parse(p);
        } catch (IllegalArgumentException e) {
            throw error(i, e.getMessage());
        } catch (JacksonException e) {
            throw file.invalidJson(start, e, "result #" + i);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An RLE's [h, w]: two non-negative 32-bit integers, else {−1, −1} (the value is then parsed again for the message). */
    private static long[] readSize(JsonScanner s) {
        long[] hw = {-1, -1};
        int n = 0;
        boolean valid = true;
        if (s.enterArrayOrSkip()) {
            do {
                if (s.readIntegerOrSkip() && n < 2 && s.longValue() >= 0 && s.longValue() <= Integer.MAX_VALUE) {
                    hw[n] = s.longValue();
                } else {
                    valid = false;
                }
                n++;
            } while (s.nextElement());
        }
        return valid && n == 2 ? hw : new long[] {-1, -1};
    }

    private CocoFormatException error(int i, String what) {
        return new CocoFormatException(path + ": result #" + i + " " + what);
    }

    private static long[] grow(long[] a, int i, int width) {
        return (long) (i + 1) * width <= a.length ? a : Arrays.copyOf(a, Math.max(2 * a.length, (i + 1) * width));
    }

    private static double[] grow(double[] a, int i, int width) {
        return (long) (i + 1) * width <= a.length ? a : Arrays.copyOf(a, Math.max(2 * a.length, (i + 1) * width));
    }

    private static int[] grow(int[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, 2 * a.length);
    }

    private static Rle[] grow(Rle[] a, int i) {
        return i < a.length ? a : Arrays.copyOf(a, 2 * a.length);
    }
}
