package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.Json;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * What {@code coco rle} does with each {@link AnnotationRun}, wherever it runs (a worker thread, a
 * Spark executor): its annotations read from their bytes, converted and rendered as one JSON list,
 * with each one's form or why it does not convert. It also tells which bytes Jackson would refuse
 * (Jackson parsed annotations before the scanner did, and its limits still hold).
 */
public final class RunConversion {

    /** Each thread's buffers for a run's bytes and its output, kept while no larger than this. */
    static final int KEPT_BYTES = 1 << 23;
    private static final ThreadLocal<JsonOutput> RUN_OUTPUT = ThreadLocal.withInitial(() -> new JsonOutput(1 << 16));

    private RunConversion() {
    }

    /**
     * A run converted: the annotations that convert, rendered as one JSON list, and per annotation
     * its segmentation's form, or (form null) why it does not convert. When an annotation's bytes are
     * not valid JSON, nothing is converted and {@code invalidJson} is its position in the run (else
     * −1); the writer, which has the index, reports it with its place in the file.
     */
    public record ConvertedRun(byte[] list, Kind[] kinds, String[] errors, int invalidJson) implements Serializable {
    }

    /**
     * Converts {@code run}, whose bytes [run.start(), run.end()) of the file are {@code json} from index
     * 0 (more bytes after them are not read): what {@code coco rle} does with each run, wherever it runs
     * (a worker thread, a Spark executor).
     */
    public static ConvertedRun convert(AnnotationRun run, byte[] json, boolean recompute) throws IOException {
        int n = run.size();
        AnnotationFields[] fields = AnnotationFields.reused(n);
        // one scanner over the run, set at each object in turn; in place where json has room after it
        int from = run.starts()[0];
        int length = run.ends()[n - 1] - from;
        JsonScanner s = from == 0 && json.length - JsonInput.SLACK >= length
                ? JsonScanner.inPlace(json, length) : new JsonScanner(json, from, length);
        // each loop's body is a method of its own, compiled after a few hundred annotations (convert,
        // called once a run, is not; its loops ran interpreted until compiled on-stack)
        for (int k = 0; k < n; k++) {
            if (!read(fields[k], s, json, from, run.starts()[k], run.ends()[k])) {
                return invalidJsonAt(k);
            }
        }
        Kind[] kinds = new Kind[n];
        String[] errors = new String[n];
        JsonOutput list = RUN_OUTPUT.get();
        list.truncate(0);
        list.add('[');
        for (int k = 0; k < n; k++) {
            errors[k] = writeElement(list, json, run, k, fields[k], recompute);
            kinds[k] = errors[k] == null ? Kind.of(fields[k].segmentation) : null;
        }
        list.add(']');
        byte[] written = list.toByteArray();
        if (written.length > KEPT_BYTES) {
            RUN_OUTPUT.remove();
        }
        return new ConvertedRun(written, kinds, errors, -1);
    }

    /** Reads the annotation json[start, end) into {@code fields}; false if its bytes are not valid JSON (or Jackson refuses them). */
    private static boolean read(AnnotationFields fields, JsonScanner s, byte[] json, int from, int start, int end)
            throws IOException {
        try {
            s.rewind(start - from);
            AnnotationFields.read(fields, s, json, from);
            return !(mayExceedJacksonLimits(json, start, end) && jacksonRefusal(json, start, end) != null);
        } catch (JsonInputException | JacksonException e) {
            return false;
        }
    }

    /** Writes the run's annotation {@code k} converted, after a comma unless it is the list's first; or, writing nothing, returns why it cannot be. */
    private static String writeElement(JsonOutput list, byte[] json, AnnotationRun run, int k, AnnotationFields fields,
            boolean recompute) {
        int before = list.size();
        if (before > 1) {
            list.add(',');
        }
        String error = write(list, json, run, k, fields, recompute);
        if (error != null) {
            list.truncate(before);
        }
        return error;
    }

    /** A run that does not convert: the bytes of its annotation {@code k} are not valid JSON. */
    private static ConvertedRun invalidJsonAt(int k) {
        return new ConvertedRun(new byte[0], new Kind[0], new String[0], k);
    }

    /**
     * Whether the bytes json[from, to) may hold a number or member name longer than Jackson's limits
     * (Json.FACTORY's read constraints), which the scanner reads but Jackson, which parsed annotations
     * before it, refuses: only then is the refusal looked for ({@link #jacksonRefusal}). A number
     * is a run of bytes of numbers, and a member name no longer than the bytes.
     */
    static boolean mayExceedJacksonLimits(byte[] json, int from, int to) {
        StreamReadConstraints limits = Json.FACTORY.streamReadConstraints();
        if (to - from > limits.getMaxNameLength()) {
            return true;
        }
        int longest = limits.getMaxNumberLength();
        if (to - from <= longest) {
            return false;
        }
        int run = 0;
        for (int i = from; i < to; i++) {
            byte b = json[i];
            boolean numberByte = b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E';
            run = numberByte ? run + 1 : 0;
            if (run > longest) {
                return true;
            }
        }
        return false;
    }

    /** Why Jackson refuses the JSON value json[from, to) (it reads the first value, not what may follow), or null. */
    static JacksonException jacksonRefusal(byte[] json, int from, int to) throws IOException {
        try (JsonParser p = Json.parser(json, from, to - from)) {
            p.nextToken();
            p.skipChildren();
            return null;
        } catch (JacksonException e) {
            return e;
        }
    }

    /** The error for the run's annotation {@code k}, whose bytes are not valid JSON: parsed again, alone, by Jackson to say where. */
    static CocoFormatException invalidJson(CocoIndex index, AnnotationRun run, int k) {
        long start = run.start() + run.starts()[k];
        byte[] json = index.bytes(start, run.start() + run.ends()[k]);
        String item = "annotation " + CocoIndex.describe(run.ids()[k], run.from() + k);
        JacksonException refusal;
        try {
            refusal = jacksonRefusal(json, 0, json.length);
        } catch (IOException e) {
            throw new UncheckedIOException(index.path() + ": " + e.getMessage(), e);
        }
        if (refusal != null) {
            return index.invalidJson(start, refusal, item);
        }
        throw new IllegalStateException(index.path() + ": " + item + " parsed when read again");
    }

    /** Writes the run's annotation {@code k} converted; or, writing nothing, returns why it cannot be. */
    private static String write(JsonOutput out, byte[] json, AnnotationRun run, int k, AnnotationFields ann,
            boolean recompute) {
        if (run.problem(k) != null) {
            return run.problem(k);
        }
        if (ann.error != null) {
            return ann.error;
        }
        if (run.missingImage(k) != null) {
            return run.missingImage(k);
        }
        Rle rle;
        try {
            rle = ann.segmentation.toRle(run.heights()[k], run.widths()[k]);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        // a counts string read is written as it was (annToRLE returns it unchanged), whatever its form
        String counts = ann.segmentation instanceof Segmentation.CompressedRle c ? c.counts() : null;
        if (recompute) {
            ann.write(out, json, rle, counts, MaskApi.area(rle), MaskApi.toBbox(rle));
        } else {
            ann.write(out, json, rle, counts, 0, null);
        }
        return null;
    }

    /** The form a segmentation had, for the summary. */
    public enum Kind {
        POLYGONS, UNCOMPRESSED, COMPRESSED;

        static Kind of(Segmentation segmentation) {
            return switch (segmentation) {
                case Segmentation.Polygons ignored -> POLYGONS;
                case Segmentation.UncompressedRle ignored -> UNCOMPRESSED;
                case Segmentation.CompressedRle ignored -> COMPRESSED;
            };
        }
    }
}
