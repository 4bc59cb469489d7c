package dev.segpack.coco;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The images table as columns. Height and width are checked only in a {@link CocoIndex.Required#COCO_API}
 * load; otherwise a size that is absent or not an integer is 0 and one outside 0…2³¹−1 is −1.
 */
final class Images {

    /** A height or width that is absent or not an integer, while reading. */
    private static final long ABSENT = Long.MIN_VALUE;

    /**
     * The fields read, then the other fields of COCO's images, named so that they are recognised in
     * place like the others (and skipped) rather than scanned as unknown names.
     */
    private static final JsonKeys KEYS = new JsonKeys("id", "height", "width", "file_name",
            "license", "coco_url", "flickr_url", "date_captured");
    private static final int ID = 0, HEIGHT = 1, WIDTH = 2, FILE_NAME = 3;

    int count;
    long[] id = new long[256];
    int[] height = new int[256];
    int[] width = new int[256];
    String[] fileName = new String[256];

    /** Reads image #{@code index}, the object at the scanner. */
    void read(JsonScanner s, Path path, int index, CocoIndex.Required required) {
        if (count == id.length) {
            int n = 2 * count;
            id = Arrays.copyOf(id, n);
            height = Arrays.copyOf(height, n);
            width = Arrays.copyOf(width, n);
            fileName = Arrays.copyOf(fileName, n);
        }
        boolean hasId = false;
        long imageId = 0;
        long h = ABSENT, w = ABSENT;
        String name = null;
        try {
            if (s.enterObject()) {
                do {
                    int k = s.key(KEYS);
                    if (k == FILE_NAME) {
                        name = s.readStringOrSkip();
                    } else if (k >= ID && k <= WIDTH) {
                        // id, height, width: integers, read at one call site to keep the compiled loop small
                        boolean integer = s.readIntegerOrSkip();
                        long v = integer ? s.longValue() : ABSENT;
                        if (k == ID) {
                            hasId = integer;
                            imageId = v;
                        } else if (k == HEIGHT) {
                            h = v;
                        } else {
                            w = v;
                        }
                    } else {
                        s.skipValue();
                    }
                } while (s.nextMember());
            }
        } catch (JsonInputException e) {
            throw e.within(describe(index, hasId, imageId));
        }
        if (!hasId) {
            throw new CocoFormatException(path + ": " + describe(index, false, 0) + " has no integer id");
        }
        if (required == CocoIndex.Required.COCO_API && (h < 0 || w < 0 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE)) {
            throw new CocoFormatException(path + ": " + describe(index, true, imageId)
                    + " has no valid integer height and width");
        }
        id[count] = imageId;
        height[count] = size(h);
        width[count] = size(w);
        fileName[count] = name;
        count++;
    }

    private static int size(long v) {
        return v == ABSENT ? 0 : v < 0 || v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    private static String describe(int index, boolean hasId, long id) {
        return "image #" + index + (hasId ? " (id " + id + ")" : "");
    }
}
