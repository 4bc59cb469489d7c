package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** image id → [height, width], read from a COCO file's {@code images} table in one streaming pass. */
final class ImageSizes {

    private final Map<Long, int[]> sizes = new HashMap<>();

    static ImageSizes read(JsonSource src) throws IOException {
        ImageSizes out = new ImageSizes();
        try (JsonParser p = src.parser()) {
            CocoStructure.expectTopObject(p, src.path);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("images") && v == JsonToken.START_ARRAY) {
                    int i = 0;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        out.readImage(p, src, i++);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
        return out;
    }

    private void readImage(JsonParser p, JsonSource src, int index) throws IOException {
        Long id = null;
        long h = -1, w = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> id = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "height" -> h = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                case "width" -> w = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                default -> p.skipChildren();
            }
        }
        String which = "image #" + index + (id != null ? " (id " + id + ")" : "");
        if (id == null) {
            throw new CocoFormatException(src.path + ": " + which + " has no integer id");
        }
        if (h < 0 || w < 0 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            throw new CocoFormatException(src.path + ": " + which + " has no valid integer height and width");
        }
        if (sizes.put(id, new int[] {(int) h, (int) w}) != null) {
            throw new CocoFormatException(src.path + ": " + which + " repeats an image id");
        }
    }

    /** [h, w] of the image, or null if the file has no such image. */
    int[] get(long imageId) {
        return sizes.get(imageId);
    }

    int count() {
        return sizes.size();
    }
}
