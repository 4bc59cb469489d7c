package dev.segpack.coco;

import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.Rle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One annotation object as the rewriter reads it with {@link JsonScanner}: where each member's name
 * and value are in the input's bytes, so that unchanged members are copied as they were (a string
 * that Jackson would write otherwise, one with escapes or beyond ASCII, is kept decoded and written as
 * Jackson writes it), with the segmentation parsed.
 */
final class AnnotationFields {

    /** Names known to the writer, all ASCII (so their bytes are copied when they match). */
    private static final JsonKeys KEYS = new JsonKeys("segmentation", "area", "bbox");
    private static final int SEGMENTATION = 0, AREA = 1, BBOX = 2;
    /**
     * The fixed text around the values written, copied whole: writing it a char and a name at a time
     * made {@link #write} one of the JIT's largest compilations (22 kB, ~50 ms of C2 in every run).
     */
    private static final byte[] RLE_SIZE = ascii("{\"size\":["), RLE_COUNTS = ascii("],\"counts\":"),
            AREA_MEMBER = ascii(",\"area\":"), BBOX_MEMBER = ascii(",\"bbox\":");
    /** Per member: its name's bytes [from, to) (from = −1 − k: decoded.get(k) instead), its value's likewise, and which known name it is. */
    private static final int NAME_FROM = 0, NAME_TO = 1, VALUE_FROM = 2, VALUE_TO = 3, KEY = 4, STRIDE = 5;
    private static final ThreadLocal<AnnotationFields[]> REUSED = ThreadLocal.withInitial(() -> new AnnotationFields[0]);

    private int[] members = new int[8 * STRIDE];
    private int count;
    /** The names and string values that are written decoded. */
    private List<String> decoded;
    Segmentation segmentation;
    /** Why this annotation cannot be converted, found while reading it. */
    String error;

    private AnnotationFields() {
    }

    /**
     * Each thread's annotations of the run it converts, read again and again: {@code n} of them (the
     * ones it holds are forgotten by the next {@link #read}).
     */
    static AnnotationFields[] reused(int n) {
        AnnotationFields[] all = REUSED.get();
        if (all.length < n) {
            all = Arrays.copyOf(all, n);
            REUSED.set(all);
        }
        for (int k = 0; k < n; k++) {
            if (all[k] == null) {
                all[k] = new AnnotationFields();
            }
        }
        return all;
    }

    /**
     * Reads the annotation object at the scanner into {@code a} (what it held is forgotten), whose input
     * is {@code json} from {@code offset} on (offset 0 of the scanner is {@code json[offset]}). Throws
     * {@link JsonInputException} when its bytes are not valid JSON, and whatever Jackson throws for a
     * segmentation it reads.
     */
    static AnnotationFields read(AnnotationFields a, JsonScanner s, byte[] json, int offset) throws IOException {
        a.count = 0;
        a.decoded = null;
        a.segmentation = null;
        a.error = null;
        if (s.enterObject()) {
            do {
                a.readMember(s, json, offset);
            } while (s.nextMember());
        }
        if (a.segmentation == null && a.error == null) {
            a.error = "has no segmentation";
        }
        return a;
    }

    private void readMember(JsonScanner s, byte[] json, int offset) throws IOException {
        if (STRIDE * (count + 1) > members.length) {
            members = Arrays.copyOf(members, 2 * members.length);
        }
        int m = STRIDE * count++;
        long nameFrom = s.valueOffset();
        int key = s.key(KEYS);
        members[m + KEY] = key;
        if (s.nameIsPlain) {
            members[m + NAME_FROM] = offset + (int) nameFrom;
            members[m + NAME_TO] = offset + (int) s.nameEnd;
        } else {
            s.rewind(nameFrom);
            members[m + NAME_FROM] = decoded(s.memberName());
        }
        long valueFrom = s.valueOffset();
        if (key == SEGMENTATION) {
            readSegmentation(s, json, offset);
        } else if (!s.skipValueIsPlain()) {
            s.rewind(valueFrom);
            members[m + VALUE_FROM] = decoded(s.readStringOrSkip());
            return;
        }
        members[m + VALUE_FROM] = offset + (int) valueFrom;
        members[m + VALUE_TO] = offset + (int) s.offset();
    }

    /** Reads the segmentation (a repeated one: the last that parses, with the error of any that does not). */
    private void readSegmentation(JsonScanner s, byte[] json, int offset) throws IOException {
        long from = s.valueOffset();
        Segmentation read = AnnotationScan.read(s);
        if (read == null) {
            // any other value: checked here, then parsed by Jackson for its values or its error
            s.rewind(from);
            s.skipValue();
            try {
                read = AnnotationScan.segmentation(json, offset + (int) from, (int) (s.offset() - from));
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
                return;
            }
        }
        segmentation = read;
    }

    /** Keeps {@code text} to be written decoded; where it is, as a negative "from". */
    private int decoded(String text) {
        if (decoded == null) {
            decoded = new ArrayList<>(2);
        }
        decoded.add(text);
        return -decoded.size();
    }

    /**
     * Writes the annotation, whose bytes are in {@code json}, with its segmentation as
     * {"size":[h,w],"counts":"…"} (the counts string of {@code rle}, or {@code counts} where the input
     * had one, which is written as it was); with a {@code bbox}, area and bbox are the mask's (added at the end
     * if absent). The members are written as Jackson's generator writes them: compact, each value as
     * it was read.
     */
    void write(JsonOutput out, byte[] json, Rle rle, String counts, long area, Bbox bbox) {
        out.add('{');
        boolean recompute = bbox != null;
        boolean wroteArea = false, wroteBbox = false;
        for (int m = 0; m < STRIDE * count; m += STRIDE) {
            if (m > 0) {
                out.add(',');
            }
            copy(out, json, members[m + NAME_FROM], members[m + NAME_TO]);
            out.add(':');
            int key = members[m + KEY];
            if (key == SEGMENTATION) {
                writeRle(out, rle, counts);
            } else if (recompute && key == AREA) {
                out.decimal(area);
                wroteArea = true;
            } else if (recompute && key == BBOX) {
                writeBbox(out, bbox);
                wroteBbox = true;
            } else {
                copy(out, json, members[m + VALUE_FROM], members[m + VALUE_TO]);
            }
        }
        if (recompute && !wroteArea) {
            out.add(AREA_MEMBER);
            out.decimal(area);
        }
        if (recompute && !wroteBbox) {
            out.add(BBOX_MEMBER);
            writeBbox(out, bbox);
        }
        out.add('}');
    }

    /** Writes the bytes json[from, to), or the decoded text that a negative {@code from} stands for. */
    private void copy(JsonOutput out, byte[] json, int from, int to) {
        if (from < 0) {
            out.string(decoded.get(-1 - from));
        } else {
            out.add(json, from, to);
        }
    }

    private static void writeRle(JsonOutput out, Rle rle, String counts) {
        out.add(RLE_SIZE);
        out.decimal(rle.h());
        out.add(',');
        out.decimal(rle.w());
        out.add(RLE_COUNTS);
        if (counts != null) {
            out.string(counts);
        } else {
            out.countsString(rle);
        }
        out.add('}');
    }

    /** toBbox values are whole numbers; written as Python writes floats (61.0), never in E notation. */
    private static void writeBbox(JsonOutput out, Bbox bbox) {
        out.add('[');
        double[] values = bbox.toArray();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.add(',');
            }
            out.decimal((long) values[i]);
            out.add('.');
            out.add('0');
        }
        out.add(']');
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes the scalar value that is all of {@code json} (no whitespace around it) as the rewriter writes unchanged values. */
    static void copyScalar(byte[] json, JsonOutput out) {
        JsonScanner s = new JsonScanner(json);
        if (s.skipValueIsPlain()) {
            out.add(json, 0, json.length);
        } else {
            s.rewind(0);
            out.string(s.readStringOrSkip());
        }
    }
}
