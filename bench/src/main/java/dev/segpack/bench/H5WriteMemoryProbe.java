package dev.segpack.bench;

import dev.segpack.poseh5.PoseH5Writer;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableGroup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Heap a writer holds while a file of N 640x480x4 images waits for close (jhdf lays the file out
 * only at close), and the peak heap of the whole run. Run one mode per JVM:
 * {@code java -cp 'bench/target/classes:bench/target/lib/*' dev.segpack.bench.H5WriteMemoryProbe MODE [N]}
 * with MODE = segpack | jhdfNested | jhdfRows. Each image is fresh data, as in a real conversion.
 */
public final class H5WriteMemoryProbe {

    private static final int H = 480;
    private static final int W = 640;
    private static final int C = 4;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path dir = Files.createTempDirectory("h5mem");
        Path file = dir.resolve("probe.h5");
        long baseline = retainedHeap();
        long held;
        SplittableRandom random = new SplittableRandom(7);
        switch (mode) {
            case "segpack" -> {
                try (Arena arena = Arena.ofConfined(); PoseH5Writer writer = PoseH5Writer.create(file)) {
                    MemorySegment bgrx = arena.allocate((long) H * W * C);
                    for (int i = 0; i < images; i++) {
                        byte[] image = new byte[H * W * C];
                        random.nextBytes(image);
                        MemorySegment.copy(MemorySegment.ofArray(image), 0, bgrx, 0, image.length);
                        writer.writeImage(i, H, W, bgrx, new int[2][51]);
                    }
                    held = retainedHeap() - baseline;
                }
            }
            case "jhdfNested", "jhdfRows" -> {
                try (WritableHdfFile hdf = HdfFile.write(file)) {
                    WritableGroup group = hdf.putGroup("coco");
                    DatasetCreationOptions unsigned = DatasetCreationOptions.builder().unsigned().build();
                    for (int i = 0; i < images; i++) {
                        byte[] image = new byte[H * W * C];
                        random.nextBytes(image);
                        Object data = mode.equals("jhdfNested") ? nested(image) : rows(image);
                        group.putDataset(Integer.toString(i), data, unsigned)
                                .putAttribute("keypoints", new long[2][51]);
                    }
                    held = retainedHeap() - baseline;
                }
            }
            default -> throw new IllegalArgumentException("mode must be segpack, jhdfNested or jhdfRows: " + mode);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%s: %d images of %dx%dx%d (%.1f MB of pixels): heap held before close %.1f MB,"
                        + " peak heap of the run %.1f MB, file %.1f MB%n",
                mode, images, H, W, C, images * (double) H * W * C / 1e6, held / 1e6, peak / 1e6,
                Files.size(file) / 1e6);
        Files.delete(file);
        Files.delete(dir);
    }

    private static long retainedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static byte[][][] nested(byte[] image) {
        byte[][][] out = new byte[H][W][C];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                System.arraycopy(image, (y * W + x) * C, out[y][x], 0, C);
            }
        }
        return out;
    }

    private static byte[][] rows(byte[] image) {
        byte[][] out = new byte[H][W * C];
        for (int y = 0; y < H; y++) {
            System.arraycopy(image, y * W * C, out[y], 0, W * C);
        }
        return out;
    }
}
