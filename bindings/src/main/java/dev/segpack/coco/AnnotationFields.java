package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One annotation object as the rewriter reads it from its bytes: its fields in file order, each kept
 * as the text it had (so unchanged fields are written back exactly), with the segmentation parsed.
 */
final class AnnotationFields {

    private record Field(String name, JsonToken kind, String text) {
    }

    private final List<Field> fields = new ArrayList<>(12);
    Segmentation segmentation;
    /** Why this annotation cannot be converted, found while reading it. */
    String error;

    private AnnotationFields() {
    }

    /**
     * Reads the annotation object whose START_OBJECT is the parser's current token; the parser reads
     * {@code json} from {@code offset} on (its byte offsets count from there).
     */
    static AnnotationFields read(JsonParser p, byte[] json, int offset) throws IOException {
        AnnotationFields a = new AnnotationFields();
        int depth = p.getParsingContext().getNestingDepth();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("segmentation")) {
                a.fields.add(new Field(name, null, null));
                try {
                    a.segmentation = v == JsonToken.START_ARRAY ? polygons(p, json, offset) : Segmentation.parse(p);
                } catch (IllegalArgumentException e) {
                    a.error = e.getMessage();
                    skipToDepth(p, depth);
                }
                continue;
            }
            a.fields.add(capture(p, json, offset, name, v));
        }
        if (a.segmentation == null && a.error == null) {
            a.error = "has no segmentation";
        }
        return a;
    }

    /**
     * The list at the parser (a segmentation's polygons, nearly always): skipped by the parser, which
     * checks its JSON, and read from its bytes by {@link AnnotationScan}, without a String per number.
     */
    private static Segmentation polygons(JsonParser p, byte[] json, int offset) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        int end = (int) p.currentLocation().getByteOffset();
        return AnnotationScan.segmentation(json, offset + start, end - start);
    }

    /** Skips the rest of a value that failed half-way, back to the depth of its enclosing object. */
    private static void skipToDepth(JsonParser p, int enclosingDepth) throws IOException {
        while (p.getParsingContext().getNestingDepth() > enclosingDepth) {
            if (p.nextToken() == null) {
                return;
            }
        }
    }

    private static Field capture(JsonParser p, byte[] json, int offset, String name, JsonToken v) throws IOException {
        if (v.isStructStart()) {
            int start = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getByteOffset();
            return new Field(name, v, new String(json, offset + start, end - start, StandardCharsets.UTF_8));
        }
        return new Field(name, v, v == JsonToken.VALUE_NULL ? null : p.getText());
    }

    /** Writes the scalar value that is all of {@code json} as the rewriter writes unchanged values. */
    static void copyScalar(byte[] json, JsonGenerator gen) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            writeValue(gen, capture(p, json, 0, null, p.nextToken()));
        }
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

    /**
     * Writes the annotation with its segmentation as {"size":[h,w],"counts":"…"}; with a
     * {@code bbox}, area and bbox are the mask's (added at the end if absent).
     */
    void write(JsonGenerator gen, int h, int w, String counts, long area, Bbox bbox) throws IOException {
        gen.writeStartObject();
        boolean recompute = bbox != null;
        boolean wroteArea = false, wroteBbox = false;
        for (Field f : fields) {
            gen.writeFieldName(f.name);
            if (f.kind == null) {
                writeRle(gen, h, w, counts);
            } else if (recompute && f.name.equals("area")) {
                gen.writeNumber(area);
                wroteArea = true;
            } else if (recompute && f.name.equals("bbox")) {
                writeBbox(gen, bbox);
                wroteBbox = true;
            } else {
                writeValue(gen, f);
            }
        }
        if (recompute && !wroteArea) {
            gen.writeNumberField("area", area);
        }
        if (recompute && !wroteBbox) {
            gen.writeFieldName("bbox");
            writeBbox(gen, bbox);
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
    private static void writeBbox(JsonGenerator gen, Bbox bbox) throws IOException {
        gen.writeStartArray();
        for (double v : bbox.toArray()) {
            gen.writeNumber((long) v + ".0");
        }
        gen.writeEndArray();
    }
}
