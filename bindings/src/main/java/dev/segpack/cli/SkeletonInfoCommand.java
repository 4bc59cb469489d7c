package dev.segpack.cli;

import dev.segpack.npy.NpyArray;
import dev.segpack.skeleton.PickleJson;
import dev.segpack.skeleton.SkeletonAnnotation;
import dev.segpack.skeleton.SkeletonDataset;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segpack skeleton info}: what a PYSKL pickle holds, summarised or whole as JSON. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Summarise a PYSKL annotation pickle: annotations, splits, labels, the M/T/V/C ranges of the keypoints"
                + " and their dtypes.",
                "With --json, print the whole content as Python's json would: arrays as {\"dtype\", \"shape\", \"values\"}"
                        + " (values flat, C order), tuples as lists, dict keys as json writes them."})
final class SkeletonInfoCommand implements Callable<Integer> {

    @Option(names = "--ann", required = true, paramLabel = "FILE.pkl", description = "PYSKL annotation pickle.")
    Path ann;

    @Option(names = "--json", description = "Print the whole content as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (SkeletonDataset data = SkeletonDataset.open(ann)) {
            if (json) {
                Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                PickleJson.write(data.content(), out);
                out.write('\n');
                out.flush();
                return 0;
            }
            summary(data);
        }
        return 0;
    }

    private void summary(SkeletonDataset data) {
        long[][] ranges = new long[4][2];
        for (long[] r : ranges) {
            r[0] = Long.MAX_VALUE;
            r[1] = Long.MIN_VALUE;
        }
        TreeSet<Long> labels = new TreeSet<>();
        TreeSet<String> dtypes = new TreeSet<>();
        long compressed = 0;
        long plain = 0;
        for (int i = 0; i < data.size(); i++) {
            SkeletonAnnotation a = data.annotation(i);
            long label = a.integer("label", Long.MIN_VALUE);
            if (label != Long.MIN_VALUE) {
                labels.add(label);
            }
            if (a.isCompressed()) {
                compressed++;
                continue;
            }
            NpyArray kp = a.keypoint();
            plain++;
            dtypes.add("keypoint " + kp.dtype());
            NpyArray score = a.array("keypoint_score");
            if (score != null) {
                dtypes.add("keypoint_score " + score.dtype());
            }
            for (int axis = 0; axis < 4; axis++) {
                ranges[axis][0] = Math.min(ranges[axis][0], kp.dim(axis));
                ranges[axis][1] = Math.max(ranges[axis][1], kp.dim(axis));
            }
        }
        System.out.println("file: " + ann);
        System.out.println("annotations: " + data.size() + (compressed > 0 ? " (" + compressed + " compressed)" : ""));
        if (data.content() instanceof Map<?, ?> top && top.get("split") instanceof Map<?, ?> splits) {
            StringBuilder line = new StringBuilder("splits:");
            for (Map.Entry<?, ?> e : splits.entrySet()) {
                line.append(' ').append(e.getKey()).append(" (")
                        .append(e.getValue() instanceof java.util.Collection<?> c ? c.size() : 0).append(')');
            }
            System.out.println(line);
        }
        if (!labels.isEmpty()) {
            System.out.println("labels: " + labels.size() + " distinct, " + labels.first() + ".." + labels.last());
        }
        if (plain > 0) {
            String[] names = {"M (persons)", "T (frames)", "V (joints)", "C (coordinates)"};
            for (int axis = 0; axis < 4; axis++) {
                System.out.println(names[axis] + ": " + range(ranges[axis]));
            }
            System.out.println("dtypes: " + String.join(", ", dtypes));
        }
    }

    private static String range(long[] r) {
        return r[0] == r[1] ? Long.toString(r[0]) : r[0] + ".." + r[1];
    }
}
