package dev.segpack.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.coco.CocoIndex;
import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.Summary;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Json;
import dev.segpack.io.PyFloat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --json} report: the parameters, the stats at full precision (as Python's repr writes
 * doubles) with the summary lines, and the per-category AP and AR with the category names.
 */
public final class EvalReport {

    private EvalReport() {
    }

    public static void write(Path out, CocoIndex gt, Accumulation acc, Summary summary) throws IOException {
        EvalParams p = acc.params();
        Map<Long, String> names = new HashMap<>();
        for (int c = 0; c < gt.categoryCount(); c++) {
            names.put((long) gt.categoryId(c), gt.categoryName(c));
        }
        CategoryScores scores = CategoryScores.of(acc);
        try (AtomicOutput target = new AtomicOutput(out)) {
            try (OutputStream stream = target.stream(); JsonGenerator g = Json.FACTORY.createGenerator(stream)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeStringField("iouType", p.iouType().cocoName());
                g.writeObjectFieldStart("params");
                g.writeNumberField("images", p.imgIds().length);
                g.writeFieldName("catIds");
                g.writeArray(p.catIds(), 0, p.catIds().length);
                g.writeBooleanField("useCats", p.useCats());
                g.writeFieldName("maxDets");
                g.writeArray(p.maxDets(), 0, p.maxDets().length);
                g.writeFieldName("iouThrs");
                numbers(g, p.iouThrs());
                g.writeEndObject();
                g.writeFieldName("stats");
                numbers(g, summary.stats());
                g.writeArrayFieldStart("lines");
                for (String line : summary.lines()) {
                    g.writeString(line);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("per_category");
                for (int k = 0; k < scores.ap().length; k++) {
                    g.writeStartObject();
                    g.writeNumberField("category_id", scores.categoryIds()[k]);
                    if (names.containsKey(scores.categoryIds()[k])) {
                        g.writeStringField("name", names.get(scores.categoryIds()[k]));
                    }
                    g.writeFieldName("AP");
                    g.writeNumber(PyFloat.repr(scores.ap()[k]));
                    g.writeFieldName("AR");
                    g.writeNumber(PyFloat.repr(scores.ar()[k]));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            target.commit();
        }
    }

    private static void numbers(JsonGenerator g, double[] values) throws IOException {
        g.writeStartArray();
        for (double v : values) {
            g.writeNumber(PyFloat.repr(v));
        }
        g.writeEndArray();
    }
}
