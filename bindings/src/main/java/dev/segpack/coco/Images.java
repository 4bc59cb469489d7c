package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** The images table as columns. */
final class Images {

    int count;
    long[] id = new long[256];
    int[] height = new int[256];
    int[] width = new int[256];
    String[] fileName = new String[256];

    void read(JsonParser p, Path path, int index) throws IOException {
        if (count == id.length) {
            int n = 2 * count;
            id = Arrays.copyOf(id, n);
            height = Arrays.copyOf(height, n);
            width = Arrays.copyOf(width, n);
            fileName = Arrays.copyOf(fileName, n);
        }
        Long imageId = null;
        long h = -1, w = -1;
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> imageId = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "height" -> h = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "width" -> w = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "file_name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        String which = path + ": image #" + index + (imageId != null ? " (id " + imageId + ")" : "");
        if (imageId == null) {
            throw new CocoFormatException(which + " has no integer id");
        }
        if (h < 0 || w < 0 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            throw new CocoFormatException(which + " has no valid integer height and width");
        }
        id[count] = imageId;
        height[count] = (int) h;
        width[count] = (int) w;
        fileName[count] = name;
        count++;
    }
}
