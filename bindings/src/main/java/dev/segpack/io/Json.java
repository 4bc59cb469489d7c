package dev.segpack.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * The one Jackson factory every format adapter reads and writes JSON with. Jackson's default
 * limits refuse strings over 20 MB, which a compressed RLE of a large mask or a whole annotation
 * file's text can exceed; segpack lifts that and bounds only number length and nesting. Doubles are
 * read by FastDoubleParser (correctly rounded, as Double.parseDouble, several times faster on the
 * 17-digit coordinates COCO files are full of).
 */
public final class Json {

    /** Deepest nesting of a value segpack reads: Jackson's default, about Python's recursion limit. */
    public static final int MAX_NESTING = 1000;

    /**
     * A COCO item (image, annotation, category) is parsed from its bytes after the loader checked each
     * of its values against {@link #MAX_NESTING}; the item's own object is one level more, so Jackson's
     * limit is one higher and the loader, with its message and position, is the one that refuses.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(10_000)
                    .maxNestingDepth(MAX_NESTING + 1)
                    .build())
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private Json() {
    }

    /** A parser over all of {@code json}, as {@link #parser(byte[], int, int)}. */
    public static JsonParser parser(byte[] json) throws IOException {
        return parser(json, 0, json.length);
    }

    /**
     * The one way segpack parses JSON bytes: a parser over {@code length} bytes of {@code json} from
     * {@code offset}, which reads them as UTF-8. Jackson guesses UTF-16 or UTF-32 from a byte-order mark
     * or a NUL byte among the first four, and then fails on such bytes with a bare
     * CharConversionException naming no file; JSON files are UTF-8 (RFC 8259; json.load reads them
     * so) and a NUL byte is never valid JSON, so such text is refused here, as a JacksonException that
     * every caller already reports with its file and item.
     */
    public static JsonParser parser(byte[] json, int offset, int length) throws IOException {
        for (int i = offset; i < offset + Math.min(length, 4); i++) {
            if (json[i] == 0) {
                throw new JsonParseException(null, "a NUL byte (at byte " + (i - offset) + "): JSON text here is UTF-8");
            }
        }
        if (length >= 2 && ((json[offset] & 0xFF) == 0xFE && (json[offset + 1] & 0xFF) == 0xFF
                || (json[offset] & 0xFF) == 0xFF && (json[offset + 1] & 0xFF) == 0xFE)) {
            throw new JsonParseException(null, "a UTF-16 byte-order mark: JSON text here is UTF-8");
        }
        return FACTORY.createParser(json, offset, length);
    }

    /** What Jackson refused, in words that name no Jackson internals (its limits are segpack's settings). */
    public static String problem(JacksonException e) {
        if (e instanceof StreamConstraintsException && e.getOriginalMessage().contains("nesting depth")) {
            return "values nested more than " + FACTORY.streamReadConstraints().getMaxNestingDepth() + " deep";
        }
        if (e instanceof StreamConstraintsException && e.getOriginalMessage().contains("Number value length")) {
            return "a number of more than " + FACTORY.streamReadConstraints().getMaxNumberLength() + " characters";
        }
        return e.getOriginalMessage();
    }

    /** Where Jackson refused: " at line L, column C", or "" when it did not say. */
    public static String lineAndColumn(JacksonException e) {
        JsonLocation at = e.getLocation();
        return at != null && at.getLineNr() > 0 ? " at line " + at.getLineNr() + ", column " + at.getColumnNr() : "";
    }
}
