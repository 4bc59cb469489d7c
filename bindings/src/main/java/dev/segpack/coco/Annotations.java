package dev.segpack.coco;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The annotations as columns. Segmentation and keypoints are kept as byte ranges of the file
 * (start −1 when absent) and parsed only when asked for.
 */
final class Annotations {

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
    void read(JsonScanner s, Path path, int index) {
        if (count == id.length) {
            grow();
        }
        int a = count;
        boolean hasId = false, hasImage = false;
        segStart[a] = kpStart[a] = -1;
        segLength[a] = kpLength[a] = 0;
        categoryId[a] = -1;
        iscrowd[a] = false;
        area[a] = 0;
        numKeypoints[a] = 0;
        clearBbox(a);
        try {
            if (s.enterObject()) {
                do {
                    switch (s.key(KEYS)) {
                        case SEGMENTATION -> {
                            segStart[a] = s.valueOffset();
                            s.skipDeferredValue();
                            segLength[a] = length(s, segStart[a]);
                        }
                        case AREA -> area[a] = s.readNumberOrSkip() ? s.doubleValue() : 0;
                        case ISCROWD -> {
                            if (s.peek() == 't') {
                                s.skipValue();
                                iscrowd[a] = true;
                            } else {
                                iscrowd[a] = s.readNumberOrSkip() && s.doubleValue() != 0;
                            }
                        }
                        case IMAGE_ID -> {
                            hasImage = s.readIntegerOrSkip();
                            imageId[a] = hasImage ? s.longValue() : 0;
                        }
                        case BBOX -> {
                            if (!readBbox(s, a)) {
                                throw new CocoFormatException(path + ": " + describe(index, hasId, id[a])
                                        + " has a bbox that is not a list of 4 numbers");
                            }
                        }
                        case CATEGORY_ID -> categoryId[a] = s.readIntegerOrSkip() ? s.intValue() : -1;
                        case ID -> {
                            hasId = false;
                            if (s.readIntegerOrSkip()) {
                                id[a] = s.longValue();
                                hasId = true;
                            }
                        }
                        case NUM_KEYPOINTS -> numKeypoints[a] = s.readIntegerOrSkip() ? s.intValue() : 0;
                        case KEYPOINTS -> {
                            if (s.peek() == '[') {
                                kpStart[a] = s.valueOffset();
                                s.skipDeferredValue();
                                kpLength[a] = length(s, kpStart[a]);
                            } else {
                                kpStart[a] = -1;
                                kpLength[a] = 0;
                                s.skipValue();
                            }
                        }
                        default -> s.skipValue();
                    }
                } while (s.nextMember());
            }
        } catch (JsonInputException e) {
            throw e.within(describe(index, hasId, id[a]));
        }
        if (!hasId || !hasImage) {
            throw new CocoFormatException(path + ": " + describe(index, hasId, id[a])
                    + " has no integer " + (hasId ? "image_id" : "id"));
        }
        count++;
    }

    /** Length of the value that started at {@code start} and was just skipped. */
    private static int length(JsonScanner s, long start) {
        long n = s.offset() - start;
        if (n > Integer.MAX_VALUE) {
            throw new JsonInputException(false, start, "a segmentation or keypoints value of 2 GB or more");
        }
        return (int) n;
    }

    /**
     * Reads a bbox list into the annotation's 4 slots (fewer numbers leave zeros; a value that is
     * not a list is ignored); false if the list holds more than 4 values or a value that is not a number.
     */
    private boolean readBbox(JsonScanner s, int a) {
        clearBbox(a);
        if (s.peek() != '[') {
            s.skipValue();
            return true;
        }
        if (!s.enterArray()) {
            return true;
        }
        int n = 0;
        do {
            if (n == 4 || !s.readNumberOrSkip()) {
                return false;
            }
            bbox[4 * a + n++] = s.doubleValue();
        } while (s.nextElement());
        return true;
    }

    private void clearBbox(int a) {
        bbox[4 * a] = bbox[4 * a + 1] = bbox[4 * a + 2] = bbox[4 * a + 3] = 0;
    }

    private static String describe(int index, boolean hasId, long id) {
        return "annotation #" + index + (hasId ? " (id " + id + ")" : "");
    }
}
