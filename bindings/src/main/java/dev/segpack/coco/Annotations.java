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
    /**
     * Whether the columns that only queries read are made: areas, bboxes, category ids, keypoint counts and
     * where the segmentation and keypoints are. Without them (see {@link CocoIndex#loadForRewrite}) those
     * values are still checked as a load checks them, and skipped.
     */
    boolean queried = true;
    /** Why annotation a fails a requirement, for the few kept that do. */
    private final Int2ObjectOpenHashMap<String> problems = new Int2ObjectOpenHashMap<>();

    private static final JsonKeys KEYS = new JsonKeys("segmentation", "area", "iscrowd", "image_id", "bbox",
            "category_id", "id", "num_keypoints", "keypoints");
    private static final int SEGMENTATION = 0, AREA = 1, ISCROWD = 2, IMAGE_ID = 3, BBOX = 4, CATEGORY_ID = 5,
            ID = 6, NUM_KEYPOINTS = 7, KEYPOINTS = 8;

    /**
     * Annotations per block: the columns grow a block at a time and a block, once made, is never
     * copied. Doubling arrays were copied at each step, and the collector moved every copy into the
     * old generation (touching its pages for the first time, in a pause): on 600k annotations coco rle's
     * pauses were 241 ms with them, 120 ms without.
     */
    static final int SHIFT = 13, BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;

    /** The columns of BLOCK annotations. */
    static final class Block {
        final long[] id = new long[BLOCK];
        final long[] imageId = new long[BLOCK];
        final boolean[] iscrowd = new boolean[BLOCK];
        /** These null in an index without the columns only queries read ({@link Annotations#queried} false). */
        final int[] categoryId;
        final double[] area;
        final double[] bbox;
        final int[] numKeypoints;
        final long[] segStart;
        final int[] segLength;
        final long[] kpStart;
        final int[] kpLength;

        Block(boolean queried) {
            categoryId = queried ? new int[BLOCK] : null;
            area = queried ? new double[BLOCK] : null;
            bbox = queried ? new double[4 * BLOCK] : null;
            numKeypoints = queried ? new int[BLOCK] : null;
            segStart = queried ? new long[BLOCK] : null;
            segLength = queried ? new int[BLOCK] : null;
            kpStart = queried ? new long[BLOCK] : null;
            kpLength = queried ? new int[BLOCK] : null;
        }
    }

    int count;
    private Block[] blocks = new Block[0];

    /** The block that holds annotation {@code a}'s columns, at {@link #slot}(a). */
    Block block(int a) {
        return blocks[a >>> SHIFT];
    }

    /** Where annotation {@code a} is in its block's columns (bbox: 4 from 4·slot). */
    static int slot(int a) {
        return a & MASK;
    }

    /** Reads annotation #{@code index}, the object at the scanner. */
    void read(JsonScanner s, Path path, int index, CocoIndex.Required required) {
        int a = count;
        if (a >>> SHIFT == blocks.length) {
            blocks = Arrays.copyOf(blocks, blocks.length + 1);
            blocks[a >>> SHIFT] = new Block(queried);
        }
        Block b = block(a);
        int i = slot(a);
        b.id[i] = b.imageId[i] = 0;
        b.iscrowd[i] = false;
        if (queried) {
            b.segStart[i] = b.kpStart[i] = -1;
            b.segLength[i] = b.kpLength[i] = 0;
            b.categoryId[i] = -1;
            b.numKeypoints[i] = 0;
            b.area[i] = 0;
            clearBbox(b, i);
        }
        problems.remove(a);
        int integers = 0;
        try {
            if (s.enterObject()) {
                do {
                    int k = s.key(KEYS);
                    if (k == SEGMENTATION || k == KEYPOINTS) {
                        readByteRange(s, b, i, k);
                    } else if (k == BBOX) {
                        if (!readBbox(s, b, i) && required == CocoIndex.Required.COCO_API) {
                            fails(path, index, integers, a, "has a bbox that is not a list of 4 numbers");
                        }
                    } else if (k >= 0) {
                        integers = readNumber(s, b, i, k, integers);
                    } else {
                        s.skipValue();
                    }
                } while (s.nextMember());
            }
        } catch (JsonInputException e) {
            throw e.within(describe(index, integers, b.id[i]));
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
            throw new CocoFormatException(path + ": " + describe(index, integers, block(a).id[slot(a)]) + " " + reason);
        }
        problems.putIfAbsent(a, "it " + reason);
    }

    void requireQueried() {
        if (!queried) {
            throw new IllegalStateException("this index was loaded for a rewrite, without the annotations' areas, bboxes,"
                    + " category ids, keypoint counts, segmentations and keypoints");
        }
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
    private int readNumber(JsonScanner s, Block b, int i, int k, int integers) {
        if (k == ISCROWD && s.peek() == 't') {
            s.skipValue();
            b.iscrowd[i] = true;
            return integers;
        }
        boolean number = s.readNumberOrSkip();
        boolean integer = number && s.isInteger();
        switch (k) {
            case ISCROWD -> b.iscrowd[i] = number && s.doubleValue() != 0;
            case ID -> b.id[i] = integer ? s.longValue() : 0;
            case IMAGE_ID -> b.imageId[i] = integer ? s.longValue() : 0;
            default -> {
                if (queried) {
                    readQueried(b, i, k, s, number, integer);
                }
            }
        }
        return integer ? integers | 1 << k : integers & ~(1 << k);
    }

    /** Keeps area, category_id or num_keypoints, the number fields only queries read. */
    private static void readQueried(Block b, int i, int k, JsonScanner s, boolean number, boolean integer) {
        switch (k) {
            case AREA -> b.area[i] = number ? s.doubleValue() : 0;
            case CATEGORY_ID -> b.categoryId[i] = integer ? s.intValue() : -1;
            default -> b.numKeypoints[i] = integer ? s.intValue() : 0;
        }
    }

    /**
     * Records where the segmentation (any value) or the keypoints (a list; anything else is no
     * keypoints, and is checked here as it will not be parsed later) are, skipping them.
     */
    private void readByteRange(JsonScanner s, Block b, int i, int k) {
        if (k == KEYPOINTS && s.peek() != '[') {
            s.skipValue();
            if (queried) {
                b.kpStart[i] = -1;
                b.kpLength[i] = 0;
            }
            return;
        }
        long start = s.valueOffset();
        s.skipDeferredValue();
        long end = s.offset();
        if (end - start > Integer.MAX_VALUE) {
            throw new JsonInputException(false, start, "a segmentation or keypoints value of 2 GB or more");
        }
        if (!queried) {
            return;
        }
        if (k == SEGMENTATION) {
            b.segStart[i] = start;
            b.segLength[i] = (int) (end - start);
        } else {
            b.kpStart[i] = start;
            b.kpLength[i] = (int) (end - start);
        }
    }

    /**
     * Reads a bbox list into the annotation's 4 slots (fewer numbers leave zeros; a value that is
     * not a list is ignored); false, with the slots cleared, if the list holds more than 4 values or a
     * value that is not a number.
     */
    private boolean readBbox(JsonScanner s, Block b, int i) {
        if (queried) {
            clearBbox(b, i);
        }
        if (!s.enterArrayOrSkip()) {
            return true;
        }
        int n = 0;
        boolean valid = true;
        do {
            if (s.readNumberOrSkip() && n < 4) {
                if (queried) {
                    b.bbox[4 * i + n] = s.doubleValue();
                }
            } else {
                valid = false;
            }
            n++;
        } while (s.nextElement());
        if (!valid && queried) {
            clearBbox(b, i);
        }
        return valid;
    }

    private static void clearBbox(Block b, int i) {
        b.bbox[4 * i] = b.bbox[4 * i + 1] = b.bbox[4 * i + 2] = b.bbox[4 * i + 3] = 0;
    }

    private static String describe(int index, int integers, long id) {
        return "annotation #" + index + ((integers & 1 << ID) != 0 ? " (id " + id + ")" : "");
    }
}
