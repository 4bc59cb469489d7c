package dev.segpack.cityscapes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.cityscapes.PolygonObject;
import dev.segpack.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@code *_polygons.json} frame as annotation.py's {@code Annotation.fromJsonFile} reads it: imgWidth and
 * imgHeight (integers), the objects in file order with their label (a string), polygon ({@code [[x, y], ...]},
 * numbers) and {@code deleted} (Python truthiness, absent = 0); other keys are ignored. Anything else is a
 * {@link CityscapesFormatException} naming the file and the object index.
 */
public final class PolygonsJson {

    /** One frame: its size and objects. */
    public record Frame(int h, int w, List<PolygonObject> objects) {
    }

    private PolygonsJson() {
    }

    public static Frame read(Path json) throws IOException {
        return read(Files.readAllBytes(json), json);
    }

    /** The frame of a polygons file whose content, {@code bytes}, the caller read; errors name the file {@code json}. */
    public static Frame read(byte[] bytes, Path json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(bytes)) {
            return frame(p, json);
        } catch (JacksonException e) {
            throw new CityscapesFormatException(json + ": not valid JSON" + Json.lineAndColumn(e) + ": "
                    + Json.problem(e), e);
        }
    }

    private static Frame frame(JsonParser p, Path json) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new CityscapesFormatException(json + ": not a JSON object");
        }
        Integer h = null;
        Integer w = null;
        List<PolygonObject> objects = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken t = p.nextToken();
            switch (key) {
                case "imgHeight" -> h = size(p, t, json, key);
                case "imgWidth" -> w = size(p, t, json, key);
                case "objects" -> objects = objects(p, t, json);
                default -> p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            throw new CityscapesFormatException(json + ": text after the JSON object");
        }
        if (h == null || w == null) {
            throw new CityscapesFormatException(json + ": no " + (h == null ? "imgHeight" : "imgWidth"));
        }
        if (objects == null) {
            throw new CityscapesFormatException(json + ": no objects");
        }
        return new Frame(h, w, objects);
    }

    private static int size(JsonParser p, JsonToken t, Path json, String key) throws IOException {
        if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 1) {
            throw new CityscapesFormatException(json + ": " + key + " is " + text(p, t) + ", not a positive integer");
        }
        return p.getIntValue();
    }

    private static List<PolygonObject> objects(JsonParser p, JsonToken t, Path json) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new CityscapesFormatException(json + ": objects is " + text(p, t) + ", not a list");
        }
        List<PolygonObject> objects = new ArrayList<>();
        for (JsonToken o = p.nextToken(); o != JsonToken.END_ARRAY; o = p.nextToken()) {
            objects.add(object(p, o, json, objects.size()));
        }
        return objects;
    }

    private static PolygonObject object(JsonParser p, JsonToken t, Path json, int index) throws IOException {
        String where = json + ": object " + index;
        if (t != JsonToken.START_OBJECT) {
            throw new CityscapesFormatException(where + " is " + text(p, t) + ", not an object");
        }
        String label = null;
        double[] xy = null;
        boolean deleted = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "label" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw new CityscapesFormatException(where + ": label is " + text(p, v) + ", not a string");
                    }
                    label = p.getText();
                }
                case "polygon" -> xy = polygon(p, v, where);
                case "deleted" -> deleted = truthy(p, v);
                default -> p.skipChildren();
            }
        }
        if (label == null || xy == null) {
            throw new CityscapesFormatException(where + ": no " + (label == null ? "label" : "polygon"));
        }
        return new PolygonObject(label, xy, deleted);
    }

    private static double[] polygon(JsonParser p, JsonToken t, String where) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new CityscapesFormatException(where + ": polygon is " + text(p, t) + ", not a list of [x, y]");
        }
        double[] xy = new double[16];
        int n = 0;
        for (JsonToken point = p.nextToken(); point != JsonToken.END_ARRAY; point = p.nextToken()) {
            if (point != JsonToken.START_ARRAY) {
                throw new CityscapesFormatException(where + ": polygon point " + n / 2 + " is " + text(p, point)
                        + ", not [x, y]");
            }
            if (n + 2 > xy.length) {
                xy = Arrays.copyOf(xy, 2 * xy.length);
            }
            for (int c = 0; c < 2; c++) {
                JsonToken v = p.nextToken();
                if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw new CityscapesFormatException(where + ": polygon point " + n / 2 + " has "
                            + (v == JsonToken.END_ARRAY ? "fewer than 2 coordinates" : "coordinate " + text(p, v)
                            + ", not a number"));
                }
                xy[n++] = p.getDoubleValue();
            }
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new CityscapesFormatException(where + ": polygon point " + (n / 2 - 1) + " has more than 2 coordinates");
            }
        }
        return Arrays.copyOf(xy, n);
    }

    /** Python's truth value of the JSON value at {@code t} (null: false); the value is consumed. */
    private static boolean truthy(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue() != 0;
            case VALUE_STRING -> !p.getText().isEmpty();
            default -> { // a list or an object: true unless empty
                int depth = 1;
                int tokens = 0;
                for (JsonToken x = p.nextToken(); ; x = p.nextToken()) {
                    if (x.isStructStart()) {
                        depth++;
                    } else if (x.isStructEnd() && --depth == 0) {
                        break;
                    }
                    tokens++;
                }
                yield tokens > 0;
            }
        };
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "'" + p.getText() + "'";
            default -> p.getText();
        };
    }
}
