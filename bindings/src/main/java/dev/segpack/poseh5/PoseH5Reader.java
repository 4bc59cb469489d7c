package dev.segpack.poseh5;

import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.image.ZlibInflater;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a person-pose HDF5 file in the recipe's layout ({@link PoseH5Layout}), whether h5py or
 * {@link PoseH5Writer} wrote it.
 *
 * <p>All metadata (shapes, types, data addresses, keypoints) is read and validated when the file
 * is opened, so a malformed file fails at {@link #open} and later calls only move pixel bytes.
 *
 * <p>Thread safety: every method may be called from any number of threads (a read racing
 * {@link #close()} fails with an IOException). Pixels of contiguous
 * datasets (h5py's default and this package's uncompressed output) are read with positional
 * {@link FileChannel} reads straight into the caller's segment, which need no lock. Datasets in
 * any other layout (chunked, e.g. gzip-compressed) are decoded by jhdf under one lock, because jhdf
 * documents no thread-safety guarantee.
 */
public final class PoseH5Reader implements AutoCloseable {

    /** Shape and element type of one image dataset. */
    public record Image(long imageId, int h, int w, int channels, PixelType type) {
        /** Bytes of the dataset: h*w*channels elements. */
        public long byteSize() {
            return (long) h * w * channels * type.bytes();
        }
    }

    /**
     * One image's metadata. {@code fileOffset} is where a contiguous dataset's bytes start in the
     * file, or -1 when jhdf must decode {@code dataset} (null for contiguous ones). Keypoints are
     * kept flat, row after row.
     */
    private record Entry(Image image, long fileOffset, DatasetBase dataset, int[] keypoints, int valuesPerPerson) {}

    private final Path path;
    private final HdfFile hdfFile;
    private final FileChannel channel;
    private final Map<Long, Entry> entries;
    private final long[] imageIds;
    private final Object jhdfLock = new Object();
    /** HDF5 filter ids of the filters that never expand data. */
    private static final int SHUFFLE_FILTER = 2, FLETCHER32_FILTER = 3;

    private PoseH5Reader(Path path, HdfFile hdfFile, Map<Long, Entry> entries) {
        this.path = path;
        this.hdfFile = hdfFile;
        this.channel = hdfFile.getHdfBackingStorage().getFileChannel();
        this.entries = entries;
        this.imageIds = entries.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    }

    public static PoseH5Reader open(Path file) throws IOException {
        HdfFile hdfFile;
        try {
            hdfFile = new HdfFile(file);
        } catch (HdfException e) {
            if (e.getCause() instanceof FileSystemException cause) {
                throw cause;
            }
            throw notAPoseFile(file, e.getCause() instanceof IOException cause ? cause.getMessage() : jhdfProblem(e), e);
        } catch (RuntimeException e) {
            throw notAPoseFile(file, e);
        }
        try {
            return new PoseH5Reader(file, hdfFile, readEntries(file, hdfFile));
        } catch (IOException e) {
            hdfFile.close();
            throw e;
        } catch (RuntimeException e) {
            hdfFile.close();
            throw notAPoseFile(file, e);
        }
    }

    /** jhdf reports damaged files with assorted unchecked exceptions; their message, not their class, is the news. */
    private static IOException notAPoseFile(Path file, RuntimeException e) {
        return notAPoseFile(file, jhdfProblem(e), e);
    }

    private static IOException notAPoseFile(Path file, String why, Exception e) {
        return new IOException(file + ": not a segpack/recipe pose HDF5 file: " + why, e);
    }

    private static String jhdfProblem(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "jhdf cannot read it (" + e.getClass().getSimpleName() + ")" : message;
    }

    /** Image ids in ascending order. */
    public long[] imageIds() {
        return imageIds.clone();
    }

    public boolean contains(long imageId) {
        return entries.containsKey(imageId);
    }

    public Image image(long imageId) {
        return entry(imageId).image();
    }

    /** The image's bytes (row-major [h, w, C], as stored) in a new segment of {@code arena}. */
    public MemorySegment readPixels(long imageId, Arena arena) throws IOException {
        Image image = image(imageId);
        MemorySegment pixels = arena.allocate(image.byteSize(), 64);
        readPixels(imageId, pixels);
        return pixels;
    }

    /** Copies the image's bytes into the first {@link Image#byteSize()} bytes of {@code target}. */
    public void readPixels(long imageId, MemorySegment target) throws IOException {
        Entry entry = entry(imageId);
        long bytes = entry.image().byteSize();
        if (target.byteSize() < bytes) {
            throw new IllegalArgumentException(item(imageId) + ": target segment has " + target.byteSize()
                    + " bytes, the image needs " + bytes);
        }
        if (entry.fileOffset() >= 0) {
            readFully(entry.fileOffset(), target.asSlice(0, bytes).asByteBuffer(), imageId);
            return;
        }
        ByteBuffer decoded;
        synchronized (jhdfLock) {
            try {
                decoded = entry.dataset().getDataBuffer();
            } catch (RuntimeException e) {
                // jhdf reports damaged chunks and filters with assorted unchecked exceptions
                throw new IOException(item(imageId) + ": cannot decode dataset: " + jhdfProblem(e), e);
            }
        }
        if (decoded.remaining() != bytes) {
            throw new IOException(item(imageId) + ": jhdf decoded " + decoded.remaining() + " bytes, the shape needs " + bytes);
        }
        MemorySegment.copy(MemorySegment.ofBuffer(decoded), 0, target, 0, bytes);
    }

    /** The image's persons: one row of keypoint values per person (COCO: 51); none gives {@code int[0][]}. */
    public int[][] keypoints(long imageId) {
        Entry entry = entry(imageId);
        int k = entry.valuesPerPerson();
        int[][] rows = new int[k == 0 ? 0 : entry.keypoints().length / k][];
        for (int person = 0; person < rows.length; person++) {
            rows[person] = Arrays.copyOfRange(entry.keypoints(), person * k, (person + 1) * k);
        }
        return rows;
    }

    @Override
    public void close() {
        hdfFile.close();
    }

    private Entry entry(long imageId) {
        Entry entry = entries.get(imageId);
        if (entry == null) {
            throw new IllegalArgumentException(item(imageId) + ": no such image");
        }
        return entry;
    }

    private void readFully(long position, ByteBuffer target, long imageId) throws IOException {
        long at = position;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new IOException(item(imageId) + ": file ends at " + at + " inside the dataset's bytes");
            }
            at += n;
        }
    }

    private String item(long imageId) {
        return path + ": " + PoseH5Layout.GROUP + "/" + PoseH5Layout.datasetName(imageId);
    }

    private static Map<Long, Entry> readEntries(Path file, HdfFile hdfFile) throws IOException {
        // As the HDF5 library does: a file shorter than its superblock's end-of-file address was
        // cut short, even where every object that survives still reads. The library stores that
        // address including the user block (checked with an h5py file that has one).
        long storedEnd = hdfFile.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
        if (hdfFile.size() < storedEnd) {
            throw new IOException(file + ": truncated: " + hdfFile.size() + " bytes, the superblock says " + storedEnd);
        }
        Node groupNode = hdfFile.getChild(PoseH5Layout.GROUP);
        if (groupNode == null || groupNode.isLink() || !(groupNode instanceof Group group)) {
            throw new IOException(file + ": no group '" + PoseH5Layout.GROUP + "' at the root");
        }
        Map<Long, Entry> entries = new HashMap<>();
        for (Map.Entry<String, Node> child : group.getChildren().entrySet()) {
            String item = file + ": " + PoseH5Layout.GROUP + "/" + child.getKey();
            long imageId = imageIdOf(child.getKey(), item);
            if (child.getValue().isLink() || !(child.getValue() instanceof Dataset dataset)) {
                throw new IOException(item + ": is not a dataset");
            }
            entries.put(imageId, readEntry(imageId, dataset, hdfFile, item));
        }
        return entries;
    }

    private static long imageIdOf(String name, String item) throws IOException {
        try {
            long id = Long.parseLong(name);
            if (PoseH5Layout.datasetName(id).equals(name)) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which names the item
        }
        throw new IOException(item + ": dataset name is not an image id (str of an integer)");
    }

    private static Entry readEntry(long imageId, Dataset dataset, HdfFile hdfFile, String item) throws IOException {
        int[] shape = dataset.getDimensions();
        if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
            throw new IOException(item + ": shape " + Arrays.toString(shape) + " is not [h, w, C] with h, w, C >= 1");
        }
        Optional<String> excess = PixelLimit.excess(shape[0], shape[1]);
        if (excess.isPresent()) {
            throw new IOException(item + ": shape " + Arrays.toString(shape) + " declares " + excess.get());
        }
        Image image = new Image(imageId, shape[0], shape[1], shape[2], pixelTypeOf(dataset.getDataType(), item));
        if (image.byteSize() > Integer.MAX_VALUE) {
            throw new IOException(item + ": " + image.byteSize() + " bytes is more than one image read here may hold");
        }
        if (dataset.isEmpty()) {
            throw new IOException(item + ": dataset has no stored data");
        }
        long fileOffset = -1;
        DatasetBase decodable = null;
        if (dataset instanceof ContiguousDataset contiguous) {
            fileOffset = hdfFile.getUserBlockSize() + contiguous.getDataAddress();
            if (fileOffset + image.byteSize() > hdfFile.size()) {
                throw new IOException(item + ": dataset bytes end at " + (fileOffset + image.byteSize())
                        + ", past the end of the " + hdfFile.size() + "-byte file");
            }
        } else if (dataset instanceof DatasetBase base) {
            if (dataset instanceof ChunkedDataset chunked) {
                checkStoredChunks(chunked, image.byteSize(), item);
            }
            decodable = base;
        } else {
            throw new IOException(item + ": dataset layout " + dataset.getDataLayout() + " cannot be read");
        }
        Attribute attribute = dataset.getAttribute(PoseH5Layout.KEYPOINTS_ATTRIBUTE);
        if (attribute == null) {
            throw new IOException(item + ": no '" + PoseH5Layout.KEYPOINTS_ATTRIBUTE + "' attribute");
        }
        KeypointsAttribute keypoints = KeypointsAttribute.decode(attribute, item);
        return new Entry(image, fileOffset, decodable, keypoints.values(), keypoints.valuesPerPerson());
    }

    /**
     * Refuses a chunked dataset whose stored chunks are too few bytes to decode to its shape, before jhdf
     * allocates the shape's bytes. Each stored chunk is one stream of at least one byte, and every codec
     * jhdf decodes (deflate, LZF, LZ4, bitshuffle) expands n bytes to at most {@link ZlibInflater#MAX_RATIO}·(n + 1)
     * ≤ 2·1032·n; shuffle and Fletcher-32 do not expand. Chunks never written (h5py would read them as
     * the fill value) count as missing.
     */
    private static void checkStoredChunks(ChunkedDataset dataset, long bytes, String item) throws IOException {
        long most = 2 * dataset.getStorageInBytes();
        for (PipelineFilterWithData filter : dataset.getFilters()) {
            if (filter.getId() != SHUFFLE_FILTER && filter.getId() != FLETCHER32_FILTER) {
                most = multiplyCapped(most, ZlibInflater.MAX_RATIO);
            }
        }
        if (bytes > most) {
            throw new IOException(item + ": its chunks store " + dataset.getStorageInBytes() + " bytes, which cannot"
                    + " decode to the " + bytes + " bytes of shape " + Arrays.toString(dataset.getDimensions())
                    + " (truncated, or chunks never written)");
        }
    }

    private static long multiplyCapped(long a, long b) {
        long product = a * b;
        return Math.multiplyHigh(a, b) != 0 || product < 0 ? Long.MAX_VALUE : product;
    }

    private static PixelType pixelTypeOf(DataType type, String item) throws IOException {
        if (type instanceof FixedPoint fixed && !fixed.isSigned()) {
            if (fixed.getSize() == 1) {
                return PixelType.UINT8;
            }
            if (fixed.getSize() == 2 && fixed.getByteOrder() == ByteOrder.LITTLE_ENDIAN) {
                return PixelType.UINT16;
            }
        }
        throw new IOException(item + ": element type " + describe(type) + " is not uint8 or little-endian uint16");
    }

    static String describe(DataType type) {
        if (type instanceof FixedPoint fixed) {
            return (fixed.isSigned() ? "int" : "uint") + fixed.getSize() * 8 + " " + fixed.getByteOrder();
        }
        return type.getClass().getSimpleName() + " of " + type.getSize() + " bytes";
    }
}
