package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.coco.Segmentation;
import dev.segpack.engine.rle.MalformedRleException;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleOps;
import dev.segpack.engine.rle.RleString;
import dev.segpack.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * One COCO annotation object to model annotations, as datumaro's COCO importer reads it:
 * <ul>
 * <li>every annotation gets group = its id (so the parts of one object stay together) and the
 * attributes of its {@code attributes} object, plus {@code score} when present;</li>
 * <li>instances / person_keypoints: label from {@code category_id} (0 = no label), attribute
 * {@code is_crowd} = bool(iscrowd); keypoints become one points annotation (x, y, v triples);
 * each polygon of the segmentation becomes a polygon annotation (at least 3 points, even count),
 * an uncompressed RLE (which must have the image's size) or compressed RLE a mask, {@code []} and
 * {@code [[]]} nothing; a {@code bbox} a box;</li>
 * <li>labels: a label annotation; captions: a caption annotation.</li>
 * </ul>
 * Where datumaro fails on a missing {@code iscrowd}, {@code segmentation} or {@code bbox}, segpack
 * takes not crowd / no segmentation / no box. Coordinates are kept as written (datumaro rounds them
 * to 2 decimals).
 */
final class CocoAnnotationParser {

    /** A category as read, with its COCO id (labels are numbered by sorting these ids). */
    record SourceCategory(int id, Category category) {
    }

    private final Path path;
    private final CocoTask task;
    private final Map<Integer, Integer> labelOf;

    CocoAnnotationParser(Path path, CocoTask task, Map<Integer, Integer> labelOf) {
        this.path = path;
        this.task = task;
        this.labelOf = labelOf;
    }

    CocoTask task() {
        return task;
    }

    static SourceCategory readCategory(JsonParser p, Path path, int index) throws IOException {
        Integer id = null;
        String name = null;
        String supercategory = "";
        List<String> keypoints = new ArrayList<>();
        List<int[]> skeleton = new ArrayList<>();
        Boolean isThing = null;
        String which = path + ": category #" + index;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> id = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : null;
                case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                case "supercategory" -> supercategory = v == JsonToken.VALUE_STRING ? p.getText() : "";
                case "isthing" -> isThing = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() != 0
                        : v == JsonToken.VALUE_TRUE ? Boolean.TRUE : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                case "keypoints" -> {
                    if (v == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            keypoints.add(p.getText());
                            p.skipChildren();
                        }
                    }
                }
                case "skeleton" -> {
                    if (v == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            int[] joint = new int[2];
                            int n = 0;
                            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                                if (t != JsonToken.VALUE_NUMBER_INT || n == 2) {
                                    throw new CocoFormatException(which + " has a skeleton joint that is not 2 integers");
                                }
                                joint[n++] = p.getIntValue();
                            }
                            if (n != 2) {
                                throw new CocoFormatException(which + " has a skeleton joint that is not 2 integers");
                            }
                            skeleton.add(joint);
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (id == null || name == null) {
            throw new CocoFormatException(which + " has no integer id or no name");
        }
        return new SourceCategory(id, new Category(name, supercategory, OptionalInt.of(id), keypoints, skeleton, isThing));
    }

    /** Parses the annotation object {@code json} of an image of {@code image}'s size into {@code out}. */
    void parse(byte[] json, ImageInfo image, List<Annotation> out) {
        Fields f = new Fields();
        try (JsonParser p = Json.parser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                f.read(key, v, p, json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + f.describe() + ": " + e.getMessage(), e);
        }
        try {
            f.build(image, out);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + f.describe() + ": " + e.getMessage(), e);
        }
    }

    /** The fields of one annotation object, as read. */
    private final class Fields {
        Long id;
        Integer categoryId;
        boolean crowd;
        Object score;
        Map<String, Object> attributes = new LinkedHashMap<>();
        double[] keypoints;
        Segmentation segmentation;
        double[] bbox;
        String caption;

        void read(String key, JsonToken v, JsonParser p, byte[] json) throws IOException {
            switch (key) {
                case "id" -> id = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "category_id" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT) {
                        throw new IllegalArgumentException("category_id is not an integer");
                    }
                    categoryId = p.getIntValue();
                }
                case "iscrowd" -> crowd = v.isNumeric() ? p.getDoubleValue() != 0 : v == JsonToken.VALUE_TRUE;
                case "score" -> {
                    if (!v.isNumeric()) {
                        throw new IllegalArgumentException("score is not a number");
                    }
                    score = v == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue() : (Object) p.getDoubleValue();
                }
                case "attributes" -> readAttributes(p, v, json);
                case "keypoints" -> keypoints = numbers(p, v, "keypoints");
                case "segmentation" -> segmentation = Segmentation.parse(p);
                case "bbox" -> bbox = numbers(p, v, "bbox");
                case "caption" -> caption = v == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }

        private void readAttributes(JsonParser p, JsonToken v, byte[] json) throws IOException {
            if (v != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("attributes is not an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                attributes.put(name, switch (t) {
                    case VALUE_STRING -> p.getText();
                    case VALUE_NUMBER_INT -> p.getLongValue();
                    case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case VALUE_NULL -> null;
                    default -> {
                        int start = (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        int end = (int) p.currentLocation().getByteOffset();
                        yield new Attributes.RawJson(new String(json, start, end - start, StandardCharsets.UTF_8));
                    }
                });
            }
        }

        private static double[] numbers(JsonParser p, JsonToken v, String what) throws IOException {
            if (v != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(what + " is not a list");
            }
            double[] out = new double[16];
            int n = 0;
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (!t.isNumeric()) {
                    throw new IllegalArgumentException(what + " value " + n + " is not a number");
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = p.getDoubleValue();
            }
            return Arrays.copyOf(out, n);
        }

        String describe() {
            return id != null ? "id " + id : "without an id";
        }

        void build(ImageInfo image, List<Annotation> out) {
            if (id == null) {
                throw new IllegalArgumentException("has no integer id");
            }
            if (score != null) {
                attributes.put(Attributes.SCORE, score);
            }
            switch (task) {
                case INSTANCES, PERSON_KEYPOINTS -> buildInstance(image, out);
                case LABELS -> out.add(new Annotation.Label(info(label())));
                case CAPTIONS -> {
                    if (caption == null) {
                        throw new IllegalArgumentException("has no caption string");
                    }
                    out.add(new Annotation.Caption(info(AnnotationInfo.NO_LABEL), caption));
                }
                default -> throw new IllegalStateException("no annotations in a " + task.fileName() + " file");
            }
        }

        private void buildInstance(ImageInfo image, List<Annotation> out) {
            int label = label();
            attributes.put(Attributes.IS_CROWD, crowd);
            AnnotationInfo info = info(label);
            if (task == CocoTask.PERSON_KEYPOINTS) {
                if (keypoints == null) {
                    throw new IllegalArgumentException("has no keypoints list");
                }
                if (keypoints.length % 3 != 0) {
                    throw new IllegalArgumentException("has " + keypoints.length
                            + " keypoint values, not (x, y, visibility) triples");
                }
                int n = keypoints.length / 3;
                double[] xy = new double[2 * n];
                int[] visibility = new int[n];
                for (int k = 0; k < n; k++) {
                    xy[2 * k] = keypoints[3 * k];
                    xy[2 * k + 1] = keypoints[3 * k + 1];
                    double v = keypoints[3 * k + 2];
                    if (v != 0 && v != 1 && v != 2) {
                        throw new IllegalArgumentException("keypoint " + k + " has visibility " + v + ", not 0, 1 or 2");
                    }
                    visibility[k] = (int) v;
                }
                out.add(new Annotation.Points(info, xy, visibility));
            }
            switch (segmentation) {
                case null -> { }
                case Segmentation.Polygons polygons -> {
                    boolean ignored = polygons.parts().length == 0
                            || polygons.parts().length == 1 && polygons.parts()[0].length == 0;
                    if (!ignored) {
                        for (double[] part : polygons.parts()) {
                            if (part.length % 2 != 0 || part.length < 6) {
                                throw new IllegalArgumentException("has a polygon of " + part.length
                                        + " values; a polygon needs an even number of at least 6");
                            }
                            out.add(new Annotation.Polygon(info, part));
                        }
                    }
                }
                case Segmentation.UncompressedRle u -> {
                    if (u.h() != image.height() || u.w() != image.width()) {
                        throw new IllegalArgumentException("mask size [" + u.h() + "," + u.w()
                                + "] does not match its image's [" + image.height() + "," + image.width() + "]");
                    }
                    out.add(new Annotation.RleMask(info, RleOps.canonical(rle(() -> Rle.of(u.h(), u.w(), u.counts())))));
                }
                case Segmentation.CompressedRle c ->
                        out.add(new Annotation.RleMask(info, rle(() -> RleString.decode(c.h(), c.w(), c.counts()))));
            }
            if (bbox != null && bbox.length > 0) {
                if (bbox.length != 4) {
                    throw new IllegalArgumentException("has a bbox of " + bbox.length + " values, not 4");
                }
                out.add(new Annotation.Box(info, bbox[0], bbox[1], bbox[2], bbox[3]));
            }
        }

        private Rle rle(java.util.function.Supplier<Rle> make) {
            try {
                return make.get();
            } catch (MalformedRleException e) {
                throw new IllegalArgumentException("malformed RLE: " + e.getMessage(), e);
            }
        }

        private int label() {
            if (categoryId == null) {
                throw new IllegalArgumentException("has no category_id");
            }
            if (categoryId == 0) {
                return AnnotationInfo.NO_LABEL;
            }
            Integer label = labelOf.get(categoryId);
            if (label == null) {
                throw new IllegalArgumentException("category_id " + categoryId + " is not in the categories table");
            }
            return label;
        }

        private AnnotationInfo info(int label) {
            return new AnnotationInfo(id, label, id, 0, Attributes.of(attributes));
        }
    }
}
