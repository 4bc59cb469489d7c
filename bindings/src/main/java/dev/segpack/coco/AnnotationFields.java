package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One annotation object as read by the rewriter: its fields in file order, each kept as the text it
 * had (so unchanged fields are written back exactly), with the segmentation parsed.
 */
final class AnnotationFields {

    private record Field(String name, JsonToken kind, String text) {
    }

    private final int index;
    private final List<Field> fields = new ArrayList<>(12);
    private String idText;
    Long imageId;
    boolean crowd;
    Segmentation segmentation;
    /** Why this annotation cannot be converted, found while reading it. */
    String error;

    private AnnotationFields(int index) {
        this.index = index;
    }

    /** Reads the annotation object whose START_OBJECT is the parser's current token. */
    static AnnotationFields read(JsonParser p, JsonSource src, int index) throws IOException {
        AnnotationFields a = new AnnotationFields(index);
        int depth = p.getParsingContext().getNestingDepth();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("segmentation")) {
                a.fields.add(new Field(name, null, null));
                try {
                    a.segmentation = Segmentation.parse(p);
                } catch (IllegalArgumentException e) {
                    a.error = e.getMessage();
                    CocoStructure.skipToDepth(p, depth);
                }
                continue;
            }
            Field f = capture(p, src, name, v);
            a.fields.add(f);
            switch (name) {
                case "id" -> a.idText = f.text;
                case "image_id" -> a.imageId = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "iscrowd" -> a.crowd = v.isNumeric() ? p.getDoubleValue() != 0 : v == JsonToken.VALUE_TRUE;
                default -> { }
            }
        }
        if (a.segmentation == null && a.error == null) {
            a.error = "has no segmentation";
        }
        return a;
    }

    private static Field capture(JsonParser p, JsonSource src, String name, JsonToken v) throws IOException {
        if (v.isStructStart()) {
            long start = p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            return new Field(name, v, src.text(start, p.currentLocation().getByteOffset()));
        }
        return new Field(name, v, v == JsonToken.VALUE_NULL ? null : p.getText());
    }

    /** Copies the value at the parser's current token to the generator unchanged. */
    static void copyValue(JsonParser p, JsonGenerator gen, JsonSource src) throws IOException {
        Field f = capture(p, src, null, p.currentToken());
        writeValue(gen, f);
    }

    private static void writeValue(JsonGenerator gen, Field f) throws IOException {
        switch (f.kind) {
            case START_ARRAY, START_OBJECT -> gen.writeRawValue(f.text);
            case VALUE_STRING -> gen.writeString(f.text);
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> gen.writeNumber(f.text);
            case VALUE_TRUE, VALUE_FALSE -> gen.writeBoolean(f.kind == JsonToken.VALUE_TRUE);
            default -> gen.writeNull();
        }
    }

    /** "id 123 (#4)" or "#4" for messages. */
    String describe() {
        return idText != null ? "id " + idText + " (#" + index + ")" : "#" + index;
    }

    /**
     * Writes the annotation with its segmentation as {"size":[h,w],"counts":"…"}; with
     * {@code recomputed}, area and bbox come from the mask (added at the end if absent).
     */
    void write(JsonGenerator gen, int h, int w, String counts, CocoRleConverter.Converted recomputed) throws IOException {
        gen.writeStartObject();
        boolean wroteArea = false, wroteBbox = false;
        for (Field f : fields) {
            gen.writeFieldName(f.name);
            if (f.kind == null) {
                writeRle(gen, h, w, counts);
            } else if (recomputed != null && f.name.equals("area")) {
                gen.writeNumber(recomputed.area());
                wroteArea = true;
            } else if (recomputed != null && f.name.equals("bbox")) {
                writeBbox(gen, recomputed);
                wroteBbox = true;
            } else {
                writeValue(gen, f);
            }
        }
        if (recomputed != null && !wroteArea) {
            gen.writeNumberField("area", recomputed.area());
        }
        if (recomputed != null && !wroteBbox) {
            gen.writeFieldName("bbox");
            writeBbox(gen, recomputed);
        }
        gen.writeEndObject();
    }

    private static void writeRle(JsonGenerator gen, int h, int w, String counts) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("size");
        gen.writeStartArray();
        gen.writeNumber(h);
        gen.writeNumber(w);
        gen.writeEndArray();
        gen.writeStringField("counts", counts);
        gen.writeEndObject();
    }

    /** toBbox values are whole numbers; written as Python writes floats (61.0), never in E notation. */
    private static void writeBbox(JsonGenerator gen, CocoRleConverter.Converted c) throws IOException {
        gen.writeStartArray();
        for (double v : c.bbox().toArray()) {
            gen.writeNumber((long) v + ".0");
        }
        gen.writeEndArray();
    }
}
