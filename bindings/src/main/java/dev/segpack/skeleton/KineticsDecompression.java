package dev.segpack.skeleton;

import dev.segpack.engine.skeleton.DecompressPose;
import dev.segpack.npy.NpyArray;
import dev.segpack.npy.NpyDtype;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kinetics-style compressed annotations to the plain layout, as PYSKL's {@code DecompressPose} does
 * it to each item: {@code frame_inds} is dropped; {@code keypoint} [M, T, V, 2] and
 * {@code keypoint_score} [M, T, V] (float16) and {@code total_frames} are set, {@code num_person} too
 * when persons were cut; every other field stays. An item's keypoints are inline, or, when it has
 * none, looked up by its {@code frame_dir} in the kpfile its {@code raw_file} names (found by file
 * name in the kpfiles folder): a pickled dict from frame_dir to the [N, V, 3] keypoint array, or to
 * a dict holding {@code keypoint} and {@code frame_inds}. Plain annotations pass unchanged.
 */
public final class KineticsDecompression {

    private static final ValueLayout.OfShort F16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final DecompressPose operation;
    private final Path kpfiles;
    private final Arena arena;
    private final Map<Path, Object> openKpfiles = new HashMap<>();

    /** @param kpfiles the folder of the kpfiles, or null when every item has its keypoints inline */
    public KineticsDecompression(DecompressPose operation, Path kpfiles, Arena arena) {
        this.operation = operation;
        this.kpfiles = kpfiles;
        this.arena = arena;
    }

    /** The content of {@code file} with every compressed annotation decompressed (the same top-level layout). */
    @SuppressWarnings("unchecked")
    public Object apply(Path file, Object content) throws IOException {
        List<SkeletonAnnotation> annotations = SkeletonDataset.annotations(file, content);
        List<Object> out = new ArrayList<>(annotations.size());
        for (SkeletonAnnotation a : annotations) {
            out.add(a.isCompressed() ? decompress(a) : a.fields());
        }
        if (content instanceof Map<?, ?> top) {
            Map<Object, Object> copy = new LinkedHashMap<>((Map<Object, Object>) top);
            copy.put("annotations", out);
            return copy;
        }
        return out;
    }

    /** The number of compressed annotations in {@code file}'s content. */
    public static long compressedCount(Path file, Object content) throws IOException {
        return SkeletonDataset.annotations(file, content).stream().filter(SkeletonAnnotation::isCompressed).count();
    }

    private Map<Object, Object> decompress(SkeletonAnnotation a) throws IOException {
        NpyArray keypoint = a.array("keypoint");
        NpyArray frameInds = a.array("frame_inds");
        if (keypoint == null || frameInds == null) {
            Object entry = kpfileEntry(a);
            if (entry instanceof Map<?, ?> m) {
                keypoint = keypoint != null ? keypoint : arrayOf(a, m.get("keypoint"), "keypoint");
                frameInds = frameInds != null ? frameInds : arrayOf(a, m.get("frame_inds"), "frame_inds");
            } else {
                keypoint = keypoint != null ? keypoint : arrayOf(a, entry, "keypoint");
            }
            if (frameInds == null) {
                throw a.error("has no frame_inds (neither inline nor in its kpfile)");
            }
        }
        if (keypoint.ndim() != 3 || keypoint.dim(2) != 3 || !ArrayValues.isFloat(keypoint)) {
            throw a.error("compressed keypoint must be float [N, V, 3] (x, y, score), not " + keypoint);
        }
        if (frameInds.ndim() != 1 || frameInds.dim(0) != keypoint.dim(0) || ArrayValues.isFloat(frameInds)) {
            throw a.error("frame_inds must be an int array of the N = " + keypoint.dim(0) + " keypoint rows, not " + frameInds);
        }
        NpyArray annoInds = a.array("anno_inds");
        DecompressPose.Decompressed d;
        try {
            d = operation.apply(new DecompressPose.Compressed((int) a.integer("total_frames", 0), (int) keypoint.dim(1),
                    float16(keypoint), ints(frameInds), annoInds == null ? null : ints(annoInds)));
        } catch (IllegalArgumentException e) {
            throw a.error(e.getMessage());
        }
        Map<Object, Object> out = new LinkedHashMap<>(a.fields());
        out.remove("frame_inds");
        out.put("total_frames", (long) d.totalFrames());
        out.put("keypoint", array(d.keypoint(), d.persons(), d.totalFrames(), d.joints(), 2));
        out.put("keypoint_score", array(d.score(), d.persons(), d.totalFrames(), d.joints()));
        if (d.persons() < maxPersons(keypoint, frameInds, annoInds)) {
            out.put("num_person", (long) d.persons());
        }
        return out;
    }

    /** The most rows one frame has (the persons before max_person cuts them). */
    private static int maxPersons(NpyArray keypoint, NpyArray frameInds, NpyArray annoInds) {
        Map<Long, Integer> perFrame = new HashMap<>();
        int most = 0;
        long rows = annoInds == null ? frameInds.dim(0) : annoInds.dim(0);
        for (long r = 0; r < rows; r++) {
            long row = annoInds == null ? r : ArrayValues.getLong(annoInds, r);
            most = Math.max(most, perFrame.merge(ArrayValues.getLong(frameInds, row), 1, Integer::sum));
        }
        return most;
    }

    private Object kpfileEntry(SkeletonAnnotation a) throws IOException {
        if (!(a.fields().get("raw_file") instanceof String raw)) {
            throw a.error("has no keypoint and no raw_file naming its kpfile");
        }
        if (kpfiles == null) {
            throw a.error("its keypoints are in the kpfile " + raw + ": give the kpfiles folder (--kpfiles)");
        }
        Path name = Path.of(raw).getFileName();
        if (name == null) {
            throw a.error("raw_file '" + raw + "' names no file");
        }
        Path path = kpfiles.resolve(name);
        Object kpfile = openKpfiles.get(path);
        if (kpfile == null) {
            kpfile = PickleReader.read(path, arena);
            openKpfiles.put(path, kpfile);
        }
        if (!(kpfile instanceof Map<?, ?> byFrameDir)) {
            throw a.error("kpfile " + path + " is not a dict from frame_dir to keypoints");
        }
        Object entry = byFrameDir.get(a.frameDir());
        if (entry == null) {
            throw a.error("frame_dir " + a.frameDir() + " is not in kpfile " + path);
        }
        return entry;
    }

    private static NpyArray arrayOf(SkeletonAnnotation a, Object value, String what) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof NpyArray array)) {
            throw a.error("its kpfile's " + what + " is not a numpy array");
        }
        return array;
    }

    /** A float array as float16 bits in C order (float32/64 rounded to nearest even, as numpy's assignment does). */
    private static short[] float16(NpyArray a) {
        short[] out = new short[Math.toIntExact(a.elementCount())];
        for (int i = 0; i < out.length; i++) {
            long at = ArrayValues.storageIndex(a, i);
            out[i] = a.dtype() == NpyDtype.FLOAT16 ? a.data().getAtIndex(F16, at) : Float.floatToFloat16((float) ArrayValues.getDouble(a, at));
        }
        return out;
    }

    private static int[] ints(NpyArray a) {
        int[] out = new int[Math.toIntExact(a.elementCount())];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(ArrayValues.getLong(a, ArrayValues.storageIndex(a, i)));
        }
        return out;
    }

    private NpyArray array(short[] halves, long... shape) {
        MemorySegment data = arena.allocate(Math.max(1, (long) halves.length * 2), 64).asSlice(0, (long) halves.length * 2);
        MemorySegment.copy(halves, 0, data, F16, 0, halves.length);
        return new NpyArray(NpyDtype.FLOAT16, shape, false, data);
    }
}
