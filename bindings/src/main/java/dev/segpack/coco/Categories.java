package dev.segpack.coco;

import java.nio.file.Path;
import java.util.Arrays;

/** The categories table as columns. */
final class Categories {

    private static final JsonKeys KEYS = new JsonKeys("id", "name", "supercategory");
    private static final int ID = 0, NAME = 1, SUPERCATEGORY = 2;

    int count;
    int[] id = new int[128];
    String[] name = new String[128];
    String[] supercategory = new String[128];

    /** Reads category #{@code index}, the object at the scanner. */
    void read(JsonScanner s, Path path, int index) {
        if (count == id.length) {
            id = Arrays.copyOf(id, 2 * count);
            name = Arrays.copyOf(name, 2 * count);
            supercategory = Arrays.copyOf(supercategory, 2 * count);
        }
        boolean hasId = false;
        int catId = 0;
        String catName = null, sup = null;
        try {
            if (s.enterObject()) {
                do {
                    switch (s.key(KEYS)) {
                        case ID -> {
                            hasId = false;
                            if (s.readIntegerOrSkip()) {
                                catId = s.intValue();
                                hasId = true;
                            }
                        }
                        case NAME -> catName = s.readStringOrSkip();
                        case SUPERCATEGORY -> sup = s.readStringOrSkip();
                        default -> s.skipValue();
                    }
                } while (s.nextMember());
            }
        } catch (JsonInputException e) {
            throw e.within("category #" + index + (hasId ? " (id " + catId + ")" : ""));
        }
        if (!hasId) {
            throw new CocoFormatException(path + ": category #" + index + " has no integer id");
        }
        id[count] = catId;
        name[count] = catName;
        supercategory[count] = sup;
        count++;
    }
}
