package dev.segpack.cli.bench;

import dev.segpack.engine.simd.Kernels;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code segpack bench}: times one workload on data from a file, after warm-up, and prints one JSON
 * line. The Python harness (bench/harness/compare.py) runs the peers on the same files.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time one workload on data from a file and print one JSON line.",
                "The line is {\"workload\":W,\"ops\":n,\"ns_per_op_median\":x,\"ns_per_op_min\":y,\"threads\":N,"
                        + "\"provider\":\"...\"}.",
                "Inputs: .npy uint8 masks [h,w,n] Fortran order or [n,h,w] C order (encode, contours, and read: every byte loaded once, the floor under a streamed encode; pack takes"
                        + " [n+2,h,w]: n instances, crowd, unannotated), .npy label maps [h,w] uint8/uint16/int32"
                        + " (labelmap), JSON lists of {\"size\":[h,w],\"counts\":\"...\"} (decode, area_bbox, merge of"
                        + " 10, iou all x all), of uncompressed counts (string), or {\"h\":..,\"w\":..,\"polygons\":[...]}"
                        + " (frpoly), PYSKL annotation pickles (heatmaps, limb_heatmaps: one op = one 2-D annotation's"
                        + " GeneratePoseTarget at its img_shape).",
                "The line's provider says which kernels ran: through ./segpack the scalar ones, as in every"
                        + " one-shot run, unless SEGPACK_JVM_OPTS='--add-modules jdk.incubator.vector"
                        + " -Dsegpack.simd=true' asks for the Vector API's (bench/harness/compare.py does)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workload", required = true, paramLabel = "W",
            description = "read, encode, decode, area_bbox, merge, iou, string, frpoly, labelmap, pack, contours, heatmaps or"
                    + " limb_heatmaps.")
    String workload;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The data (see above).")
    Path input;

    @Option(names = "--threads", paramLabel = "N", description = "Threads (default 1).")
    int threads = 1;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up time (default 2).")
    double warmup = 2;

    @Option(names = "--seconds", paramLabel = "SECONDS", description = "Measured time (default 3).")
    double seconds = 3;

    /** Where results go so the JIT cannot drop the work that made them. */
    private static volatile long blackhole;

    @Override
    public Integer call() throws Exception {
        try (Arena arena = Arena.ofShared(); Workload w = Workloads.open(workload, input, threads, arena)) {
            long sink = 0;
            long end = System.nanoTime() + (long) (warmup * 1e9);
            do {
                sink += w.round();
            } while (System.nanoTime() < end);
            double[] perOp = new double[1024];
            int rounds = 0;
            end = System.nanoTime() + (long) (seconds * 1e9);
            do {
                long t = System.nanoTime();
                sink += w.round();
                if (rounds == perOp.length) {
                    perOp = Arrays.copyOf(perOp, rounds * 2);
                }
                perOp[rounds++] = (double) (System.nanoTime() - t) / w.ops();
            } while (System.nanoTime() < end || rounds < 5);
            double[] sorted = Arrays.copyOf(perOp, rounds);
            Arrays.sort(sorted);
            double median = rounds % 2 == 1 ? sorted[rounds / 2] : (sorted[rounds / 2 - 1] + sorted[rounds / 2]) / 2;
            System.out.printf("{\"workload\":\"%s\",\"ops\":%d,\"ns_per_op_median\":%.1f,\"ns_per_op_min\":%.1f,"
                            + "\"threads\":%d,\"provider\":\"%s\"}%n",
                    workload, (long) rounds * w.ops(), median, sorted[0], threads, Kernels.name());
            blackhole = sink;
        }
        return 0;
    }
}
