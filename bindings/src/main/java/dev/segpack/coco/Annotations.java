package dev.segpack.coco;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The annotations as columns. Segmentation and keypoints are kept as byte ranges of the file
 * (start −1 when absent) and parsed only when asked for. An id and a valid bbox are required only in
 * a {@link CocoIndex.Required#COCO_API} load; otherwise they are 0 when absent or invalid.
 */
final class Annotations {

    /** Whether an annotation that fails a requirement is kept with its {@link #problem} instead of failing the load. */
    boolean keepInvalid;
    /** Why annotation a fails a requirement, for the few kept that do. */
    private final Int2ObjectOpenHashMap<String> problems = new Int2ObjectOpenHashMap<>();

    private static final JsonKeys KEYS = new JsonKeys("segmentation", "area", "iscrowd", "image_id", "bbox",
            "category_id", "id", "num_keypoints", "keypoints");
    private static final int SEGMENTATION = 0, AREA = 1, ISCROWD = 2, IMAGE_ID = 3, BBOX = 4, CATEGORY_ID = 5,
            ID = 6, NUM_KEYPOINTS = 7, KEYPOINTS = 8;

    int count;
    long[] id = new long[1024];
    long[] imageId = new long[1024];
    int[] categoryId = new int[1024];
    boolean[] iscrowd = new boolean[1024];
    double[] area = new double[1024];
    double[] bbox = new double[4 * 1024];
    int[] numKeypoints = new int[1024];
    long[] segStart = new long[1024];
    int[] segLength = new int[1024];
    long[] kpStart = new long[1024];
    int[] kpLength = new int[1024];

    private void grow() {
        int n = 2 * id.length;
        id = Arrays.copyOf(id, n);
        imageId = Arrays.copyOf(imageId, n);
        categoryId = Arrays.copyOf(categoryId, n);
        iscrowd = Arrays.copyOf(iscrowd, n);
        area = Arrays.copyOf(area, n);
        bbox = Arrays.copyOf(bbox, 4 * n);
        numKeypoints = Arrays.copyOf(numKeypoints, n);
        segStart = Arrays.copyOf(segStart, n);
        segLength = Arrays.copyOf(segLength, n);
        kpStart = Arrays.copyOf(kpStart, n);
        kpLength = Arrays.copyOf(kpLength, n);
    }

    /** Reads annotation #{@code index}, the object at the scanner. */
    void read(JsonScanner s, Path path, int index, CocoIndex.Required required) {
        if (count == id.length) {
            grow();
        }
        int a = count;
        segStart[a] = kpStart[a] = -1;
        segLength[a] = kpLength[a] = 0;
        id[a] = imageId[a] = 0;
        categoryId[a] = -1;
        iscrowd[a] = false;
        area[a] = 0;
        numKeypoints[a] = 0;
        clearBbox(a);
        problems.remove(a);
        int integers = 0;
        try {
            if (s.enterObject()) {
                do {
                    int k = s.key(KEYS);
                    if (k == SEGMENTATION || k == KEYPOINTS) {
                        readByteRange(s, a, k);
                    } else if (k == BBOX) {
                        if (!readBbox(s, a) && required == CocoIndex.Required.COCO_API) {
                            fails(path, index, integers, a, "has a bbox that is not a list of 4 numbers");
                        }
                    } else if (k >= 0) {
                        integers = readNumber(s, a, k, integers);
                    } else {
                        s.skipValue();
                    }
                } while (s.nextMember());
            }
        } catch (JsonInputException e) {
            throw e.within(describe(index, integers, id[a]));
        }
        boolean needsId = required == CocoIndex.Required.COCO_API;
        if ((integers & 1 << IMAGE_ID) == 0 || needsId && (integers & 1 << ID) == 0) {
            fails(path, index, integers, a, "has no integer " + (needsId && (integers & 1 << ID) == 0 ? "id" : "image_id"));
        }
        count++;
    }

    /** Annotation a fails a requirement: the load fails, or the annotation is kept with the reason. */
    private void fails(Path path, int index, int integers, int a, String reason) {
        if (!keepInvalid) {
            throw new CocoFormatException(path + ": " + describe(index, integers, id[a]) + " " + reason);
        }
        problems.putIfAbsent(a, "it " + reason);
    }

    /** Why annotation a fails a requirement of the load, or null when it does not (or the load failed for it). */
    String problem(int a) {
        return problems.isEmpty() ? null : problems.get(a);
    }

    /**
     * Reads field {@code k}, one whose value should be a number, into annotation {@code a}; a value of
     * the wrong kind leaves the field's default. One call site for all of them keeps the compiled
     * per-annotation loop small (the JIT compiles it while the file is being read).
     *
     * @param integers bit k set for each field seen holding an integer
     * @return {@code integers} with bit k set if this value is an integer, else cleared (the last value of a repeated key counts)
     */
    private int readNumber(JsonScanner s, int a, int k, int integers) {
        if (k == ISCROWD && s.peek() == 't') {
            s.skipValue();
            iscrowd[a] = true;
            return integers;
        }
        boolean number = s.readNumberOrSkip();
        boolean integer = number && s.isInteger();
        switch (k) {
            case AREA -> area[a] = number ? s.doubleValue() : 0;
            case ISCROWD -> iscrowd[a] = number && s.doubleValue() != 0;
            case CATEGORY_ID -> categoryId[a] = integer ? s.intValue() : -1;
            case NUM_KEYPOINTS -> numKeypoints[a] = integer ? s.intValue() : 0;
            case ID -> id[a] = integer ? s.longValue() : 0;
            default -> imageId[a] = integer ? s.longValue() : 0;
        }
        return integer ? integers | 1 << k : integers & ~(1 << k);
    }

    /**
     * Records where the segmentation (any value) or the keypoints (a list; anything else is no
     * keypoints, and is checked here as it will not be parsed later) are, skipping them.
     */
    private void readByteRange(JsonScanner s, int a, int k) {
        if (k == KEYPOINTS && s.peek() != '[') {
            s.skipValue();
            kpStart[a] = -1;
            kpLength[a] = 0;
            return;
        }
        long start = s.valueOffset();
        s.skipDeferredValue();
        long end = s.offset();
        if (end - start > Integer.MAX_VALUE) {
            throw new JsonInputException(false, start, "a segmentation or keypoints value of 2 GB or more");
        }
        if (k == SEGMENTATION) {
            segStart[a] = start;
            segLength[a] = (int) (end - start);
        } else {
            kpStart[a] = start;
            kpLength[a] = (int) (end - start);
        }
    }

    /**
     * Reads a bbox list into the annotation's 4 slots (fewer numbers leave zeros; a value that is
     * not a list is ignored); false, with the slots cleared, if the list holds more than 4 values or a
     * value that is not a number.
     */
    private boolean readBbox(JsonScanner s, int a) {
        clearBbox(a);
        if (!s.enterArrayOrSkip()) {
            return true;
        }
        int n = 0;
        boolean valid = true;
        do {
            if (s.readNumberOrSkip() && n < 4) {
                bbox[4 * a + n] = s.doubleValue();
            } else {
                valid = false;
            }
            n++;
        } while (s.nextElement());
        if (!valid) {
            clearBbox(a);
        }
        return valid;
    }

    private void clearBbox(int a) {
        bbox[4 * a] = bbox[4 * a + 1] = bbox[4 * a + 2] = bbox[4 * a + 3] = 0;
    }

    private static String describe(int index, int integers, long id) {
        return "annotation #" + index + ((integers & 1 << ID) != 0 ? " (id " + id + ")" : "");
    }
}
