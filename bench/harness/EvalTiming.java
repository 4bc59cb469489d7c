// Times segpack's COCO evaluation engine (evaluate + accumulate + summarize) on a set written by
// `record_eval.py bench OUTDIR`: the Java half of that same-data comparison. Single-file program:
//
//   M2=~/.m2/repository/com/fasterxml/jackson/core; V=2.19.2
//   java --add-modules jdk.incubator.vector -cp engine/target/classes:$M2/jackson-core/$V/jackson-core-$V.jar:$M2/jackson-databind/$V/jackson-databind-$V.jar:$M2/jackson-annotations/$V/jackson-annotations-$V.jar \
//        bench/harness/EvalTiming.java OUTDIR [rounds] [thread counts, e.g. 1,2]
//
// For bbox and segm: load time of the prepared rows (JSON parsing and RLE strings; not comparable to
// pycocotools' loadRes), then per thread count (default 1 then 2) the first round and the median of the others.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segpack.engine.eval.*;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.zip.GZIPInputStream;

public class EvalTiming {
    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] threadCounts = Arrays.stream((args.length > 2 ? args[2] : "1,2").split(",")).mapToInt(Integer::parseInt).toArray();
        JsonNode gtFile = JSON.readTree(dir.resolve("bench_instances.json").toFile());
        long[] imgIds = ids(gtFile.get("images")), catIds = ids(gtFile.get("categories"));
        for (String type : List.of("bbox", "segm")) {
            long t0 = System.nanoTime();
            IouType iou = IouType.valueOf(type.toUpperCase());
            Object[] set = read(dir.resolve("bench_" + type + ".jsonl.gz"), iou);
            double load = (System.nanoTime() - t0) / 1e9;
            EvalParams p = EvalParams.defaults(iou, imgIds, catIds);
            for (int threads : threadCounts) {
                ForkJoinPool pool = new ForkJoinPool(threads);
                Executor ex = threads == 1 ? Runnable::run : pool;
                double[] eval = new double[rounds], acc = new double[rounds];
                double stat0 = 0;
                for (int r = 0; r < rounds; r++) {
                    long a = System.nanoTime();
                    Evaluation e = CocoEval.evaluate(p, (GroundTruth) set[0], (Detections) set[1], ex);
                    long b = System.nanoTime();
                    Summary s = e.accumulate(ex).summarize();
                    long c = System.nanoTime();
                    eval[r] = (b - a) / 1e9;
                    acc[r] = (c - b) / 1e9;
                    stat0 = s.stats()[0];
                }
                pool.close();
                System.out.printf(Locale.ROOT, "{\"impl\": \"segpack\", \"iouType\": \"%s\", \"threads\": %d, \"load_prepared_s\": %.3f, "
                        + "\"first_evaluate_s\": %.3f, \"first_accumulate_summarize_s\": %.3f, \"median_evaluate_s\": %.3f, "
                        + "\"median_accumulate_summarize_s\": %.3f, \"stats0\": %s}%n", type, threads, load, eval[0], acc[0],
                        median(eval), median(acc), Double.toString(stat0));
            }
        }
    }

    static double median(double[] v) {
        double[] rest = Arrays.copyOfRange(v, Math.min(1, v.length - 1), v.length);
        Arrays.sort(rest);
        return rest[rest.length / 2];
    }

    static long[] ids(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).get("id").asLong();
        }
        return out;
    }

    static Object[] read(Path file, IouType type) throws IOException {
        List<JsonNode> gts = new ArrayList<>(), dts = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file))))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode row = JSON.readTree(line);
                (row.get("kind").asText().equals("gt") ? gts : dts).add(row);
            }
        }
        boolean segm = type == IouType.SEGM;
        GroundTruth gt = new GroundTruth(longs(gts, "id"), longs(gts, "image_id"), longs(gts, "category_id"),
                doubles(gts, "area"), crowd(gts), boxes(gts), segm ? masks(gts) : null, null, null);
        Detections dt = new Detections(longs(dts, "id"), longs(dts, "image_id"), longs(dts, "category_id"),
                doubles(dts, "score"), doubles(dts, "area"), boxes(dts), segm ? masks(dts) : null, null);
        return new Object[] {gt, dt};
    }

    static long[] longs(List<JsonNode> rows, String f) {
        return rows.stream().mapToLong(r -> r.get(f).asLong()).toArray();
    }

    static double[] doubles(List<JsonNode> rows, String f) {
        return rows.stream().mapToDouble(r -> r.get(f).asDouble()).toArray();
    }

    static boolean[] crowd(List<JsonNode> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).get("iscrowd").asInt() != 0;
        }
        return out;
    }

    static double[] boxes(List<JsonNode> rows) {
        double[] out = new double[4 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = rows.get(i).get("bbox").get(j).asDouble();
            }
        }
        return out;
    }

    static Rle[] masks(List<JsonNode> rows) {
        return rows.stream().map(r -> RleString.decode(r.get("size").get(0).asInt(), r.get("size").get(1).asInt(),
                r.get("counts").asText())).toArray(Rle[]::new);
    }
}
