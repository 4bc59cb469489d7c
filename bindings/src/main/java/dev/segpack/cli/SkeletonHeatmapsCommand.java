package dev.segpack.cli;

import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.io.Workers;
import dev.segpack.npy.NpyDtype;
import dev.segpack.npy.NpyFile;
import dev.segpack.skeleton.HeatmapConfig;
import dev.segpack.skeleton.SkeletonAnnotation;
import dev.segpack.skeleton.SkeletonDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segpack skeleton heatmaps}: PYSKL's pose heatmaps of every 2-D annotation, one .npy each. */
@Command(name = "heatmaps", mixinStandardHelpOptions = true,
        description = {"Draw PYSKL's GeneratePoseTarget heatmaps of every 2-D annotation into DIR/<frame_dir>.npy (float32);"
                + " 3-D annotations are skipped and counted.",
                "Without --clip-len: at img_shape, [T',C,H,W]. With it: PoseC3D's test pipeline (UniformSampleFrames,"
                        + " PoseDecode, PoseCompact, Resize to --size, GeneratePoseTarget, FormatShape('NCTHW_Heatmap')):"
                        + " [N',C,T,H,W]."})
final class SkeletonHeatmapsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ann", required = true, paramLabel = "FILE.pkl", description = "PYSKL annotation pickle (plain layout).")
    Path ann;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the .npy files (each written whole or not at all).")
    Path out;

    @Option(names = "--sigma", paramLabel = "S", description = "Gaussian sigma in pixels (default 0.6).")
    double sigma = 0.6;

    @Option(names = "--maps", paramLabel = "keypoints|limbs", description = "Keypoint maps (default) or limb maps.")
    String maps = "keypoints";

    @Option(names = "--no-score", description = "Do not scale the Gaussians by the keypoint scores (use_score=False).")
    boolean noScore;

    @Option(names = "--double", description = "Append the flipped heatmaps with left/right swapped (double=True).")
    boolean doubled;

    @Option(names = "--clip-len", paramLabel = "L", description = "Run the test pipeline with clips of L frames.")
    Integer clipLen;

    @Option(names = "--num-clips", paramLabel = "N", description = "Clips of the test pipeline (default 1).")
    int numClips = 1;

    @Option(names = "--size", paramLabel = "WxH", description = "The test pipeline's Resize scale, width x height (e.g. 64x64).")
    String size;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        HeatmapConfig config = config();
        long started = System.nanoTime();
        try (SkeletonDataset data = SkeletonDataset.open(ann); Workers workers = new Workers(threads.count())) {
            List<Integer> twoD = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < data.size(); i++) {
                SkeletonAnnotation a = data.annotation(i);
                if (a.coordinates() != 2) {
                    continue;
                }
                String name = fileName(a);
                Integer other = seen.put(name, i);
                if (other != null) {
                    throw a.error("frame_dir is also that of annotation " + other + ": both would write " + name);
                }
                twoD.add(i);
            }
            Files.createDirectories(out);
            StderrProgress progress = new StderrProgress("skeleton heatmaps");
            AtomicLong done = new AtomicLong();
            AtomicLong bytes = new AtomicLong();
            Chunks chunks = Chunks.of(twoD.size());
            chunks.forEach(workers, c -> {
                for (int k = chunks.start(c); k < chunks.start(c + 1); k++) {
                    int i = twoD.get(k);
                    bytes.addAndGet(write(data, i, config));
                    progress.update(done.incrementAndGet(), twoD.size(), "annotations");
                }
            });
            progress.finish();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "skeleton heatmaps: %s -> %s (%d 3-D skipped), %.1f MB, %s%n",
                    Plural.of(twoD.size(), "annotation"), out, data.size() - twoD.size(), bytes.get() / 1e6, Seconds.of(seconds));
        }
        return 0;
    }

    /** Draws annotation {@code i} and writes it; returns the bytes written. */
    private long write(SkeletonDataset data, int i, HeatmapConfig config) {
        SkeletonAnnotation a = data.annotation(i);
        try (Arena arena = Arena.ofConfined()) {
            long bytes = data.heatmapBytes(i, config);
            MemorySegment volume = arena.allocate(Math.max(1, bytes), 64);
            long[] shape = data.heatmaps(i, config, volume);
            NpyFile.write(out.resolve(fileName(a)), NpyDtype.FLOAT32, shape, false, volume);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code <frame_dir>.npy}, refused when frame_dir is not a plain file name (it must not lead out of the folder). */
    private static String fileName(SkeletonAnnotation a) {
        String dir = a.frameDir();
        if (dir == null || dir.isEmpty() || dir.equals(".") || dir.equals("..") || dir.contains("/") || dir.contains("\\")
                || dir.indexOf('\0') >= 0) {
            throw a.error("frame_dir " + (dir == null ? "is missing" : "'" + dir + "' is not a plain file name")
                    + ": it names the output file");
        }
        return dir + ".npy";
    }

    private HeatmapConfig config() {
        PoseTargetConfig.Maps kind = switch (maps) {
            case "keypoints" -> PoseTargetConfig.Maps.KEYPOINTS;
            case "limbs" -> PoseTargetConfig.Maps.LIMBS;
            default -> throw new ParameterException(spec.commandLine(), "--maps must be keypoints or limbs, not " + maps);
        };
        PoseTargetConfig target;
        try {
            target = PoseTargetConfig.keypoints().withMaps(kind).withSigma(sigma).withUseScore(!noScore).withDoubled(doubled);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sigma: " + e.getMessage());
        }
        if (clipLen == null) {
            if (size != null) {
                throw new ParameterException(spec.commandLine(), "--size is the test pipeline's: give --clip-len too");
            }
            return HeatmapConfig.atImageShape(target);
        }
        if (size == null) {
            throw new ParameterException(spec.commandLine(), "--clip-len needs --size WxH (PoseC3D tests at 64x64)");
        }
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (wh.length != 2) {
                throw new NumberFormatException();
            }
            return HeatmapConfig.testPipeline(clipLen, numClips, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), target);
        } catch (NumberFormatException e) {
            throw new ParameterException(spec.commandLine(), "--size must be WxH, e.g. 64x64, not " + size);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
