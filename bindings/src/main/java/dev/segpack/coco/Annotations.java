package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The annotations as columns. Segmentation and keypoints are kept as byte ranges of the file
 * (−1 when absent) and parsed only when asked for.
 */
final class Annotations {

    int count;
    long[] id = new long[1024];
    long[] imageId = new long[1024];
    int[] categoryId = new int[1024];
    boolean[] iscrowd = new boolean[1024];
    double[] area = new double[1024];
    double[] bbox = new double[4 * 1024];
    int[] numKeypoints = new int[1024];
    long[] segStart = new long[1024];
    long[] segEnd = new long[1024];
    long[] kpStart = new long[1024];
    long[] kpEnd = new long[1024];

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
        segEnd = Arrays.copyOf(segEnd, n);
        kpStart = Arrays.copyOf(kpStart, n);
        kpEnd = Arrays.copyOf(kpEnd, n);
    }

    void read(JsonParser p, Path path, int index) throws IOException {
        if (count == id.length) {
            grow();
        }
        int a = count;
        boolean hasId = false, hasImage = false;
        segStart[a] = segEnd[a] = kpStart[a] = kpEnd[a] = -1;
        categoryId[a] = -1;
        iscrowd[a] = false;
        area[a] = 0;
        numKeypoints[a] = 0;
        Arrays.fill(bbox, 4 * a, 4 * a + 4, 0);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> {
                    hasId = v == JsonToken.VALUE_NUMBER_INT;
                    id[a] = hasId ? p.getLongValue() : 0;
                }
                case "image_id" -> {
                    hasImage = v == JsonToken.VALUE_NUMBER_INT;
                    imageId[a] = hasImage ? p.getLongValue() : 0;
                }
                case "category_id" -> categoryId[a] = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                case "iscrowd" -> iscrowd[a] = v.isNumeric() ? p.getDoubleValue() != 0 : v == JsonToken.VALUE_TRUE;
                case "area" -> area[a] = v.isNumeric() ? p.getDoubleValue() : 0;
                case "num_keypoints" -> numKeypoints[a] = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                case "bbox" -> readBbox(p, v, a, path, index);
                case "segmentation" -> {
                    segStart[a] = p.currentTokenLocation().getByteOffset();
                    p.skipChildren();
                    segEnd[a] = p.currentLocation().getByteOffset();
                }
                case "keypoints" -> {
                    if (v == JsonToken.START_ARRAY) {
                        kpStart[a] = p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        kpEnd[a] = p.currentLocation().getByteOffset();
                    } else {
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!hasId || !hasImage) {
            throw new CocoFormatException(path + ": annotation #" + index + (hasId ? " (id " + id[a] + ")" : "")
                    + " has no integer " + (hasId ? "image_id" : "id"));
        }
        count++;
    }

    private void readBbox(JsonParser p, JsonToken v, int a, Path path, int index) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        int n = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!t.isNumeric() || n == 4) {
                throw new CocoFormatException(path + ": annotation #" + index + " (id " + id[a]
                        + ") has a bbox that is not 4 numbers");
            }
            bbox[4 * a + n++] = p.getDoubleValue();
        }
    }
}
