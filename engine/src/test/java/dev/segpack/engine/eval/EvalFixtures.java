package dev.segpack.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.testing.Testdata;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads testdata/eval (written by bench/harness/record_eval.py): the prepared GT and result rows of a
 * set as the engine's columns, and the recorded arrays.
 */
final class EvalFixtures {

    record Set(GroundTruth gt, Detections dt) {
    }

    private static final Map<String, Set> SETS = new ConcurrentHashMap<>();

    private EvalFixtures() {
    }

    /** The ground truths and detections of {@code prepared/<name>.jsonl.gz}, read once. */
    static Set set(String relative, IouType type) {
        return SETS.computeIfAbsent(relative, r -> read(r, type));
    }

    private static Set read(String relative, IouType type) {
        List<JsonNode> gts = new ArrayList<>(), dts = new ArrayList<>();
        for (JsonNode row : Testdata.jsonLines("eval/" + relative)) {
            (row.get("kind").asText().equals("gt") ? gts : dts).add(row);
        }
        int g = gts.size(), d = dts.size();
        boolean kps = type == IouType.KEYPOINTS;
        GroundTruth gt = new GroundTruth(longs(gts, "id"), longs(gts, "image_id"), longs(gts, "category_id"),
                doubles(gts, "area"), crowd(gts), flat(gts, "bbox"), type == IouType.SEGM ? masks(gts) : null,
                kps ? flat(gts, "keypoints") : null, kps ? gts.stream().mapToInt(r -> r.get("num_keypoints").asInt()).toArray() : null);
        Detections dt = new Detections(longs(dts, "id"), longs(dts, "image_id"), longs(dts, "category_id"),
                doubles(dts, "score"), doubles(dts, "area"), flat(dts, "bbox"), type == IouType.SEGM ? masks(dts) : null,
                kps ? flat(dts, "keypoints") : null);
        if (gt.size() != g || dt.size() != d) {
            throw new IllegalStateException(relative);
        }
        return new Set(gt, dt);
    }

    private static long[] longs(List<JsonNode> rows, String field) {
        return rows.stream().mapToLong(r -> r.get(field).asLong()).toArray();
    }

    private static double[] doubles(List<JsonNode> rows, String field) {
        return rows.stream().mapToDouble(r -> r.get(field).asDouble()).toArray();
    }

    private static boolean[] crowd(List<JsonNode> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).get("iscrowd").asInt() != 0;
        }
        return out;
    }

    private static double[] flat(List<JsonNode> rows, String field) {
        return rows.stream().flatMapToDouble(r -> Arrays.stream(Testdata.doubles(r.get(field)))).toArray();
    }

    private static Rle[] masks(List<JsonNode> rows) {
        return rows.stream().map(r -> RleString.decode(r.get("size").get(0).asInt(), r.get("size").get(1).asInt(),
                r.get("counts").asText())).toArray(Rle[]::new);
    }

    /** A recorded array: zlib'd little-endian float64 values in C order. */
    static double[] array(JsonNode field) {
        byte[] packed = Base64.getDecoder().decode(field.get("zlib64").asText());
        int n = 1;
        for (JsonNode dim : field.get("shape")) {
            n *= dim.asInt();
        }
        byte[] raw = new byte[8 * n];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            int at = 0;
            while (at < raw.length && !inflater.finished()) {
                at += inflater.inflate(raw, at, raw.length - at);
            }
            if (at != raw.length) {
                throw new IllegalStateException("array holds " + at + " bytes, not " + raw.length);
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
        double[] out = new double[n];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }
}
