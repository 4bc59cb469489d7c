package dev.segpack.io;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** Small JSON values rendered to bytes, so workers can prepare output that one writer then appends in order. */
public final class JsonText {

    /** Writes one JSON value (or, inside an object, fields) with a generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator gen) throws IOException;
    }

    private JsonText() {
    }

    /** The bytes {@code body} writes. */
    public static byte[] render(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator gen = Json.FACTORY.createGenerator(out)) {
            body.write(gen);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The fields {@code body} writes, as they appear inside an object ({@code "a":1,"b":2}), for
     * appending after an {@code "id"} the writer assigns.
     */
    public static byte[] renderFields(Body body) {
        byte[] object = render(gen -> {
            gen.writeStartObject();
            body.write(gen);
            gen.writeEndObject();
        });
        return Arrays.copyOfRange(object, 1, object.length - 1);
    }

    public static void writeDouble(JsonGenerator gen, double value) throws IOException {
        gen.writeNumber(PyFloat.repr(value));
    }

    public static void writeDoubles(JsonGenerator gen, double[] values) throws IOException {
        gen.writeStartArray();
        for (double v : values) {
            writeDouble(gen, v);
        }
        gen.writeEndArray();
    }

    /** {"size":[h,w],"counts":"…"}: compressed RLE. */
    public static void writeCompressedRle(JsonGenerator gen, Rle rle) throws IOException {
        gen.writeStartObject();
        writeSize(gen, rle);
        gen.writeStringField("counts", RleString.encode(rle));
        gen.writeEndObject();
    }

    /** {"counts":[…],"size":[h,w]}: uncompressed RLE, key order as datumaro writes it. */
    public static void writeUncompressedRle(JsonGenerator gen, Rle rle) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("counts");
        gen.writeStartArray();
        for (int i = 0; i < rle.runs(); i++) {
            gen.writeNumber(rle.count(i));
        }
        gen.writeEndArray();
        writeSize(gen, rle);
        gen.writeEndObject();
    }

    private static void writeSize(JsonGenerator gen, Rle rle) throws IOException {
        gen.writeFieldName("size");
        gen.writeStartArray();
        gen.writeNumber(rle.h());
        gen.writeNumber(rle.w());
        gen.writeEndArray();
    }

    public static void writeStrings(JsonGenerator gen, List<String> values) throws IOException {
        gen.writeStartArray();
        for (String s : values) {
            gen.writeString(s);
        }
        gen.writeEndArray();
    }
}
