package dev.segpack.cityscapes;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.coco.JsonInputException;
import dev.segpack.coco.JsonKeys;
import dev.segpack.coco.JsonScanner;
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
 *
 * <p>A file is read with the project's byte scanner ({@link JsonScanner}) when it holds only what a frame
 * should; any other file (something missing, of another type, not JSON) is read again with Jackson, whose
 * reading gives the same frame or the error message. (Jackson's first parser costs a run of a few frames more
 * than the frames: its classes initialise BigDecimal's, whose tables take tens of milliseconds to compute.)
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
        Frame frame = scan(bytes);
        return frame != null ? frame : readWithJackson(bytes, json);
    }

    private static final JsonKeys FRAME_KEYS = new JsonKeys("imgHeight", "imgWidth", "objects");
    private static final int HEIGHT = 0, WIDTH = 1, OBJECTS = 2;
    private static final JsonKeys OBJECT_KEYS = new JsonKeys("label", "polygon", "deleted");
    private static final int LABEL = 0, POLYGON = 1, DELETED = 2;

    /** The frame, read with the byte scanner; null when the file holds anything but a well-formed frame. */
    private static Frame scan(byte[] bytes) {
        JsonScanner s = new JsonScanner(bytes);
        try {
            int h = 0;
            int w = 0;
            List<PolygonObject> objects = null;
            expect(s.peek() == '{' && s.enterObject());
            do {
                switch (s.key(FRAME_KEYS)) {
                    case HEIGHT -> h = scanSize(s);
                    case WIDTH -> w = scanSize(s);
                    case OBJECTS -> objects = scanObjects(s);
                    default -> s.skipValue();
                }
            } while (s.nextMember());
            s.expectEnd();
            expect(h > 0 && w > 0 && objects != null);
            return new Frame(h, w, objects);
        } catch (JsonInputException | NotAFrame e) {
            return null;
        }
    }

    /** What stops the scanner at the first thing a plain frame would not hold: Jackson reads the file instead. */
    private static final class NotAFrame extends RuntimeException {
        private static final NotAFrame INSTANCE = new NotAFrame();

        private NotAFrame() {
            super(null, null, false, false);
        }
    }

    private static void expect(boolean plain) {
        if (!plain) {
            throw NotAFrame.INSTANCE;
        }
    }

    /** A positive integer that fits an int. */
    private static int scanSize(JsonScanner s) {
        expect(s.readNumberOrSkip() && s.isInteger());
        long v = s.longValue();
        expect(v >= 1 && v <= Integer.MAX_VALUE);
        return (int) v;
    }

    private static List<PolygonObject> scanObjects(JsonScanner s) {
        expect(s.peek() == '[');
        List<PolygonObject> objects = new ArrayList<>();
        if (s.enterArray()) {
            do {
                objects.add(scanObject(s));
            } while (s.nextElement());
        }
        return objects;
    }

    private static PolygonObject scanObject(JsonScanner s) {
        expect(s.peek() == '{');
        String label = null;
        double[] xy = null;
        boolean deleted = false;
        if (s.enterObject()) {
            do {
                switch (s.key(OBJECT_KEYS)) {
                    case LABEL -> {
                        label = s.readStringOrSkip();
                        expect(label != null);
                    }
                    case POLYGON -> xy = scanPolygon(s);
                    case DELETED -> {
                        int c = s.peek();
                        if (c == 't' || c == 'f' || c == 'n') { // true, false, null
                            deleted = c == 't';
                            s.skipValue();
                        } else {
                            expect(s.readNumberOrSkip()); // (a string, list or object: Jackson's truthiness)
                            deleted = s.doubleValue() != 0;
                        }
                    }
                    default -> s.skipValue();
                }
            } while (s.nextMember());
        }
        expect(label != null && xy != null);
        return new PolygonObject(label, xy, deleted);
    }

    /** {@code [[x, y], ...]} as x0, y0, x1, .... */
    private static double[] scanPolygon(JsonScanner s) {
        expect(s.peek() == '[');
        double[] xy = new double[16];
        int n = 0;
        if (s.enterArray()) {
            do {
                expect(s.peek() == '[' && s.enterArray());
                if (n + 2 > xy.length) {
                    xy = Arrays.copyOf(xy, 2 * xy.length);
                }
                expect(s.readNumberOrSkip());
                xy[n++] = s.doubleValue();
                expect(s.nextElement() && s.readNumberOrSkip()); // a ',' after x
                xy[n++] = s.doubleValue();
                expect(!s.nextElement()); // the ']' after y
            } while (s.nextElement());
        }
        return Arrays.copyOf(xy, n);
    }

    /** The frame read with Jackson, or the error naming the file and the object (also what the scanner is tested against). */
    static Frame readWithJackson(byte[] bytes, Path json) throws IOException {
        try (JsonParser p = Json.parser(bytes)) {
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
