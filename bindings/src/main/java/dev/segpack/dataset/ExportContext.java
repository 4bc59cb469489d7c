package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/** What every task converter of one export shares: the categories, the options and where warnings go. */
record ExportContext(CategorySet categories, SegmentationMode mode, boolean cropCovered, boolean reindex,
                     boolean allowAttributes, Consumer<String> warnings) {

    /**
     * COCO category id of a label: label + 1 (0 for no label) when reindexing, as datumaro always
     * writes; otherwise the category's id in its source when it had one.
     */
    int categoryId(int label) {
        if (label == AnnotationInfo.NO_LABEL) {
            return 0;
        }
        return reindex ? label + 1 : categories.cocoId(label);
    }

    /** The annotation id to write: none (numbered by the file writer) when reindexing. */
    long annotationId(AnnotationInfo info) {
        return reindex ? 0 : info.id();
    }

    /**
     * The optional fields every task writes: {@code score} (from the attribute, as a float; a value
     * that is not a number is left out with a warning) and, when attributes are allowed, the other
     * attributes but {@code is_crowd} and {@code score}.
     */
    void writeScoreAndAttributes(JsonGenerator gen, AnnotationInfo info, String where) throws IOException {
        Attributes attributes = info.attributes();
        if (attributes.contains(Attributes.SCORE)) {
            Double score = asFloat(attributes.get(Attributes.SCORE));
            if (score != null) {
                gen.writeFieldName("score");
                JsonText.writeDouble(gen, score);
            } else {
                warnings.accept(where + ": attribute 'score' (" + attributes.get(Attributes.SCORE)
                        + ") is not a number; left out");
            }
        }
        if (allowAttributes) {
            boolean any = false;
            for (Map.Entry<String, Object> e : attributes.asMap().entrySet()) {
                if (e.getKey().equals(Attributes.IS_CROWD) || e.getKey().equals(Attributes.SCORE)) {
                    continue;
                }
                if (!any) {
                    gen.writeFieldName("attributes");
                    gen.writeStartObject();
                    any = true;
                }
                gen.writeFieldName(e.getKey());
                writeAttributeValue(gen, e.getValue());
            }
            if (any) {
                gen.writeEndObject();
            }
        }
    }

    /** An attribute value: String, Long, Double, Boolean, null or raw nested JSON. */
    private static void writeAttributeValue(JsonGenerator gen, Object v) throws IOException {
        switch (v) {
            case null -> gen.writeNull();
            case String s -> gen.writeString(s);
            case Long l -> gen.writeNumber(l);
            case Double d -> JsonText.writeDouble(gen, d);
            case Boolean b -> gen.writeBoolean(b);
            case Attributes.RawJson raw -> gen.writeRawValue(raw.text());
            default -> throw new IllegalArgumentException("unsupported attribute value " + v.getClass().getName());
        }
    }

    /** Python's float(v) for the values attributes hold; null where it would raise (or give NaN/inf). */
    private static Double asFloat(Object v) {
        double d;
        switch (v) {
            case Long l -> d = l;
            case Double x -> d = x;
            case Boolean b -> d = b ? 1 : 0;
            case String s -> {
                try {
                    d = Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            case null, default -> {
                return null;
            }
        }
        return Double.isFinite(d) ? d : null;
    }
}
