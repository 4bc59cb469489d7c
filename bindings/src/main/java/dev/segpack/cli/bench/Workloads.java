package dev.segpack.cli.bench;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.batch.RleBatch;
import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ContourFinder;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.parallel.Chunks;
import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleString;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.engine.simd.RunLengths;
import dev.segpack.engine.skeleton.GeneratePoseTarget;
import dev.segpack.engine.skeleton.HeatmapLayout;
import dev.segpack.engine.skeleton.PoseFrames;
import dev.segpack.engine.skeleton.PoseTargetConfig;
import dev.segpack.coco.Segmentation;
import dev.segpack.io.Json;
import dev.segpack.io.Workers;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import dev.segpack.npy.NpyFile;
import dev.segpack.skeleton.SkeletonDataset;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The workloads of {@code segpack bench}, each read from the file a Python user has: .npy masks
 * ([h,w,n] Fortran order as pycocotools takes them, or [n,h,w] C order), .npy label maps, and JSON
 * lists of RLE dicts or polygons.
 */
final class Workloads {

    static final List<String> NAMES = List.of("read", "encode", "decode", "area_bbox", "merge", "iou", "string", "frpoly",
            "labelmap", "pack", "contours", "heatmaps", "limb_heatmaps");

    /** Masks united per op in the merge workload (as the harness's pycocotools peer does). */
    static final int MERGE_GROUP = 10;

    private Workloads() {
    }

    static Workload open(String name, Path input, int threads, Arena arena) throws IOException {
        return switch (name) {
            case "read" -> read(masks(NpyFile.read(input, arena), input), threads);
            case "encode" -> encode(NpyFile.read(input, arena), threads, input);
            case "decode" -> decode(readRles(input), threads, arena);
            case "area_bbox" -> perItem(readRles(input), threads, (rles, i) -> {
                Bbox b = MaskApi.toBbox(rles.get(i));
                return MaskApi.area(rles.get(i)) + (long) b.w();
            });
            case "merge" -> merge(readRles(input), threads);
            case "iou" -> iou(readRles(input), threads);
            case "string" -> perItem(readUncompressed(input), threads,
                    (rles, i) -> RleString.encode(Rle.of(rles.get(i).h(), rles.get(i).w(), rles.get(i).counts())).length());
            case "frpoly" -> frpoly(input, threads);
            case "labelmap" -> labelmap(NpyFile.read(input, arena), threads, input);
            case "pack" -> pack(NpyFile.read(input, arena), arena, input);
            case "contours" -> contours(NpyFile.read(input, arena), threads, input);
            case "heatmaps" -> heatmaps(input, threads, arena, PoseTargetConfig.keypoints());
            case "limb_heatmaps" -> heatmaps(input, threads, arena, PoseTargetConfig.limbs());
            default -> throw new IllegalArgumentException("unknown workload " + name + "; one of " + NAMES);
        };
    }

    /** The masks of a uint8 .npy: [h,w,n] Fortran order (each mask column-major) or [n,h,w] / [h,w] C order. */
    record Masks(MemorySegment data, int n, int h, int w, Order order) {
        Mask get(int i) {
            long size = (long) h * w;
            return new Mask(data.asSlice(i * size, size), h, w, order);
        }
    }

    static Masks masks(NpyArray a, Path input) {
        if (a.dtype() != NpyDtype.UINT8 && a.dtype() != NpyDtype.BOOL) {
            throw new IllegalArgumentException(input + ": masks must be uint8 or bool, not " + a.dtype());
        }
        if (a.ndim() == 2) {
            return new Masks(a.data(), 1, (int) a.dim(0), (int) a.dim(1), a.fortranOrder() ? Order.COLUMN_MAJOR : Order.ROW_MAJOR);
        }
        if (a.ndim() == 3 && a.fortranOrder()) {
            return new Masks(a.data(), (int) a.dim(2), (int) a.dim(0), (int) a.dim(1), Order.COLUMN_MAJOR);
        }
        if (a.ndim() == 3) {
            return new Masks(a.data(), (int) a.dim(0), (int) a.dim(1), (int) a.dim(2), Order.ROW_MAJOR);
        }
        throw new IllegalArgumentException(input + ": masks must be [h,w], [h,w,n] Fortran order or [n,h,w] C order");
    }

    /**
     * Every byte of every mask loaded once and nothing else: the floor under any streamed encode of the
     * same file, measured in the same run.
     */
    private static Workload read(Masks m, int threads) {
        long size = (long) m.h() * m.w();
        return perItem(Collections.nCopies(m.n(), m), threads,
                (masks, i) -> loadEveryByte(m.data(), i * size, size));
    }

    /**
     * The bytes as longs folded by XOR into four independent lanes: no work per byte beyond its load (a
     * count of nonzero bytes, the earlier floor, was slower than the encode it bounds).
     */
    private static long loadEveryByte(MemorySegment data, long from, long size) {
        long a = 0, b = 0, c = 0, d = 0;
        long p = from, end = from + size - 31;
        for (; p < end; p += 32) {
            a ^= data.get(JAVA_LONG_UNALIGNED, p);
            b ^= data.get(JAVA_LONG_UNALIGNED, p + 8);
            c ^= data.get(JAVA_LONG_UNALIGNED, p + 16);
            d ^= data.get(JAVA_LONG_UNALIGNED, p + 24);
        }
        for (; p < from + size; p++) {
            a ^= data.get(JAVA_BYTE, p);
        }
        return a ^ b ^ c ^ d;
    }

    private static Workload encode(NpyArray a, int threads, Path input) {
        Masks m = masks(a, input);
        Workers workers = new Workers(threads);
        Executor executor = onCallingThread(threads, workers);
        return new Workload() {
            public int ops() {
                return m.n();
            }

            public long round() {
                return RleBatch.encode(m.data(), m.n(), m.h(), m.w(), m.order(), executor).runs(m.n() - 1);
            }

            public void close() {
                workers.close();
            }
        };
    }

    private static Workload decode(List<Rle> rles, int threads, Arena arena) {
        RleBatch batch = RleBatch.of(rles);
        Workers workers = new Workers(threads);
        Executor executor = onCallingThread(threads, workers);
        MemorySegment out = arena.allocate(rles.stream().mapToLong(Rle::pixels).sum(), 64);
        return new Workload() {
            public int ops() {
                return rles.size();
            }

            public long round() {
                batch.decode(out, Order.COLUMN_MAJOR, executor);
                return out.get(JAVA_BYTE, out.byteSize() / 2);
            }

            public void close() {
                workers.close();
            }
        };
    }

    private static Workload iou(List<Rle> rles, int threads) {
        RleBatch batch = RleBatch.of(rles);
        Workers workers = new Workers(threads);
        Executor executor = onCallingThread(threads, workers);
        boolean[] crowd = new boolean[rles.size()];
        return new Workload() {
            public int ops() {
                return 1;
            }

            public long round() {
                return (long) (RleBatch.iou(batch, batch, crowd, executor)[0][rles.size() - 1] * 1e9);
            }

            public void close() {
                workers.close();
            }
        };
    }

    private static Workload merge(List<Rle> rles, int threads) {
        List<List<Rle>> groups = new ArrayList<>();
        for (int i = 0; i + MERGE_GROUP <= rles.size(); i += MERGE_GROUP) {
            groups.add(rles.subList(i, i + MERGE_GROUP));
        }
        return perItem(groups, threads, (g, i) -> MaskApi.merge(g.get(i), false).runs());
    }

    private static Workload frpoly(Path input, int threads) throws IOException {
        List<double[]> polygons = new ArrayList<>();
        int[] size = readPolygons(input, polygons);
        return perItem(polygons, threads, (p, i) -> MaskApi.frPoly(p.get(i), size[0], size[1]).runs());
    }

    private static Workload labelmap(NpyArray a, int threads, Path input) {
        if (a.ndim() != 2) {
            throw new IllegalArgumentException(input + ": a label map is [h,w], not " + a.ndim() + "-D");
        }
        LabelMap labels = a.toLabelMap();
        return perItem(List.of(labels), threads, (l, i) -> MaskApi.encodeLabels(l.get(i)).size());
    }

    /**
     * [n+2,h,w] C order: n instance masks, then the crowd mask, then the unannotated mask. Times what
     * {@code coco pack-h5} runs per image: {@link PosePacker#pack} from the annotations' runs (encoded
     * once here, as pack-h5 gets them from annToRLE). The unannotated mask enters as one more person
     * without keypoints, which is how pack-h5 meets such a region (and it numbers that person too).
     */
    private static Workload pack(NpyArray a, Arena arena, Path input) {
        Masks m = masks(a, input);
        if (m.order() != Order.ROW_MAJOR || m.n() < 3) {
            throw new IllegalArgumentException(input + ": pack needs [n+2,h,w] C order: instances, crowd, unannotated");
        }
        List<PosePacker.Annotation> annotations = new ArrayList<>();
        RunLengths runs = new RunLengths(1 << 10);
        for (int i = 0; i < m.n(); i++) {
            Kernels.encode(m.get(i), runs);
            boolean crowd = i == m.n() - 2;
            int keypoints = i < m.n() - 2 ? 1 : 0;
            annotations.add(new PosePacker.Annotation(Rle.of(m.h(), m.w(), runs.toArray()), crowd, keypoints));
        }
        long pixels = (long) m.h() * m.w();
        MemorySegment out = arena.allocate(PoseEncoding.NARROW.imageBytes(m.h(), m.w()), 64);
        return new Workload() {
            public int ops() {
                return 1;
            }

            public long round() {
                PosePacker.pack(annotations, m.h(), m.w(), PoseEncoding.NARROW, out);
                return out.get(JAVA_BYTE, pixels / 2);
            }
        };
    }

    private static Workload contours(NpyArray a, int threads, Path input) {
        Masks m = masks(a, input);
        ThreadLocal<ContourFinder> finder = ThreadLocal.withInitial(ContourFinder::new);
        List<Mask> all = IntStream.range(0, m.n()).mapToObj(m::get).toList();
        return perItem(all, threads,
                (masks, i) -> finder.get().find(masks.get(i), RetrievalMode.EXTERNAL, ChainApprox.SIMPLE).size());
    }

    /**
     * A PYSKL pickle: one op is one 2-D annotation's GeneratePoseTarget at its img_shape (keypoints
     * widened to float32 beforehand, as the toolbox's transform gets them), into a buffer per thread.
     */
    private static Workload heatmaps(Path input, int threads, Arena arena, PoseTargetConfig config) throws IOException {
        GeneratePoseTarget target = new GeneratePoseTarget(config);
        List<PoseFrames> poses = new ArrayList<>();
        long bytes = 0;
        try (SkeletonDataset data = SkeletonDataset.open(input)) {
            for (int i = 0; i < data.size(); i++) {
                if (!data.annotation(i).isCompressed() && data.annotation(i).coordinates() == 2) {
                    PoseFrames pose = data.annotation(i).poseFrames();
                    PixelLimit.checkedPixels(target.height(pose), target.width(pose));
                    bytes = Math.max(bytes, target.byteSize(pose));
                    poses.add(pose);
                }
            }
        }
        if (poses.isEmpty()) {
            throw new IllegalArgumentException(input + ": holds no 2-D annotation to draw");
        }
        long bufferBytes = bytes;
        ThreadLocal<MemorySegment> out = ThreadLocal.withInitial(() -> arena.allocate(Math.max(1, bufferBytes), 64));
        return perItem(poses, threads, (p, i) -> {
            MemorySegment buffer = out.get();
            target.generate(p.get(i), HeatmapLayout.frames(), buffer);
            return buffer.get(JAVA_BYTE, bufferBytes / 2);
        });
    }

    /**
     * An op per item, run through the ordered pipeline on {@code threads} workers: the items are cut
     * into a chunk per worker, and the pipeline is fed the chunks round after round, so the workers
     * always have the next round queued and a round times their throughput, not the hand-over.
     */
    /**
     * One op per item; a round runs every item once, split in chunks over the threads, and ends when
     * all have (a barrier, so a round's time is the items' time, not a pipeline's fill level).
     */
    private static <T> Workload perItem(List<T> items, int threads, ItemOp<T> op) {
        Workers workers = new Workers(threads);
        Executor executor = onCallingThread(threads, workers);
        Chunks chunks = Chunks.of(items.size());
        long[] sums = new long[chunks.count()];
        return new Workload() {
            public int ops() {
                return items.size();
            }

            public long round() {
                chunks.forEach(executor, c -> {
                    long sum = 0;
                    for (int i = chunks.start(c), end = chunks.start(c + 1); i < end; i++) {
                        sum += op.apply(items, i);
                    }
                    sums[c] = sum;
                });
                long sum = 0;
                for (long s : sums) {
                    sum += s;
                }
                return sum;
            }

            public void close() {
                workers.close();
            }
        };
    }

    @FunctionalInterface
    private interface ItemOp<T> {
        long apply(List<T> items, int i);
    }

    /**
     * Where an engine op runs: one thread is the calling thread, as a caller with no workers would run
     * it (a worker would add two thread wake-ups to every round timed); more are the workers.
     */
    private static Executor onCallingThread(int threads, Workers workers) {
        return threads == 1 ? Runnable::run : workers;
    }

    /** A JSON list of {"size":[h,w],"counts":"..."}. */
    static List<Rle> readRles(Path input) throws IOException {
        return readRles(input, Segmentation.CompressedRle.class, "compressed counts string",
                c -> RleString.decode(c.h(), c.w(), c.counts()));
    }

    /** A JSON list of {"size":[h,w],"counts":[...]}. */
    static List<Rle> readUncompressed(Path input) throws IOException {
        return readRles(input, Segmentation.UncompressedRle.class, "uncompressed counts list",
                u -> Rle.of(u.h(), u.w(), u.counts()));
    }

    /** Every item of a JSON list of RLE dicts, each of the form {@code kind} (named {@code what} in errors). */
    private static <S extends Segmentation> List<Rle> readRles(Path input, Class<S> kind, String what,
            Function<S, Rle> toRle) throws IOException {
        List<Rle> out = new ArrayList<>();
        for (Segmentation s : readRleDicts(input)) {
            if (!kind.isInstance(s)) {
                throw new IllegalArgumentException(input + ": item " + out.size() + " has no " + what);
            }
            out.add(toRle.apply(kind.cast(s)));
        }
        return out;
    }

    /** The RLE objects of a JSON list, read as COCO segmentations are. */
    private static List<Segmentation> readRleDicts(Path input) throws IOException {
        List<Segmentation> out = new ArrayList<>();
        try (JsonParser p = Json.parser(Files.readAllBytes(input))) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException(input + ": expected a JSON list of RLE objects");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                try {
                    out.add(Segmentation.parse(p));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(input + ": item " + out.size() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    /** {"h":H,"w":W,"polygons":[[x,y,...],...]}; returns [h, w]. */
    private static int[] readPolygons(Path input, List<double[]> out) throws IOException {
        int h = -1, w = -1;
        try (JsonParser p = Json.parser(Files.readAllBytes(input))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(input + ": expected {\"h\":..,\"w\":..,\"polygons\":[..]}");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                switch (key) {
                    case "h" -> h = p.getIntValue();
                    case "w" -> w = p.getIntValue();
                    case "polygons" -> {
                        while (p.nextToken() == JsonToken.START_ARRAY) {
                            List<Double> xy = new ArrayList<>();
                            while (p.nextToken() != JsonToken.END_ARRAY) {
                                xy.add(p.getDoubleValue());
                            }
                            out.add(xy.stream().mapToDouble(Double::doubleValue).toArray());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (h < 0 || w < 0 || out.isEmpty()) {
            throw new IllegalArgumentException(input + ": needs h, w and a non-empty polygons list");
        }
        return new int[] {h, w};
    }
}
