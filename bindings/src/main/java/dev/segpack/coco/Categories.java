package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The categories table as columns. */
final class Categories {

    int count;
    int[] id = new int[128];
    String[] name = new String[128];
    String[] supercategory = new String[128];

    void read(JsonParser p, Path path, int index) throws IOException {
        if (count == id.length) {
            id = Arrays.copyOf(id, 2 * count);
            name = Arrays.copyOf(name, 2 * count);
            supercategory = Arrays.copyOf(supercategory, 2 * count);
        }
        Integer catId = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> catId = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "name" -> name[count] = v == JsonToken.VALUE_STRING ? p.getText() : null;
                case "supercategory" -> supercategory[count] = v == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        if (catId == null) {
            throw new CocoFormatException(path + ": category #" + index + " has no integer id");
        }
        id[count++] = catId;
    }
}
