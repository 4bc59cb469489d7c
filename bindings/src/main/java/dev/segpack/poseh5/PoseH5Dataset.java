package dev.segpack.poseh5;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * The data-loader view of a person-pose HDF5 file written by the recipe (h5py) or by segpack: random
 * access by image id to unpacked, off-heap samples. Thread-safe: any number of threads may call
 * {@link #read} at once, each with its own arena.
 */
public final class PoseH5Dataset implements AutoCloseable {

    private final Path path;
    private final PoseH5Reader reader;

    private PoseH5Dataset(Path path, PoseH5Reader reader) {
        this.path = path;
        this.reader = reader;
    }

    public static PoseH5Dataset open(Path path) throws IOException {
        return new PoseH5Dataset(path, PoseH5Reader.open(path));
    }

    /** Image ids, ascending. */
    public long[] imageIds() {
        return reader.imageIds();
    }

    /** The stored layout of an image (uint8 for the recipe's encoding, uint16 for --wide). */
    public PoseEncoding encoding(long imageId) throws IOException {
        PoseH5Reader.Image image = reader.image(imageId);
        if (image.channels() != 4) {
            throw new IOException(path + ": dataset coco/" + imageId + " has " + image.channels()
                    + " channels, not the 4 (B, G, R, pose) of a pose dataset");
        }
        return image.type() == PixelType.UINT8 ? PoseEncoding.NARROW : PoseEncoding.WIDE;
    }

    public int[][] keypoints(long imageId) {
        return reader.keypoints(imageId);
    }

    /** Reads and unpacks image {@code imageId} into {@code arena}. */
    public PoseSample read(long imageId, Arena arena) throws IOException {
        PoseEncoding encoding = encoding(imageId);
        PoseH5Reader.Image image = reader.image(imageId);
        int h = image.h(), w = image.w();
        long pixels = (long) h * w;
        try (Arena scratch = Arena.ofConfined()) {
            MemorySegment stored = reader.readPixels(imageId, scratch);
            MemorySegment bgr = arena.allocate(Math.max(1, pixels * 3), 64);
            LabelMap index = LabelMap.allocate(arena, h, w,
                    encoding == PoseEncoding.NARROW ? LabelMap.LabelType.UINT8 : LabelMap.LabelType.UINT16,
                    Order.ROW_MAJOR);
            Mask crowd = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
            Mask unannotated = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
            Kernels.unpackPose(stored, pixels, encoding, bgr, index.data(), crowd.data(), unannotated.data());
            return new PoseSample(imageId, h, w, bgr, index, crowd, unannotated, reader.keypoints(imageId));
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
