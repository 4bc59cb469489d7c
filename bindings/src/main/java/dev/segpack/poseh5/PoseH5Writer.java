package dev.segpack.poseh5;

import dev.segpack.io.AtomicOutput;
import io.jhdf.BufferBuilder;
import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.WritableAttributeImpl;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Writes a person-pose HDF5 file in the h5py recipe's layout ({@link PoseH5Layout}) through jhdf.
 *
 * <p>The file is built as a hidden temporary file next to the target and renamed onto the target
 * atomically by {@link #close()}; {@link #abort()} discards it instead. A caller whose own work
 * fails between images should call {@code abort()} before the writer is closed, or the images
 * written so far become the target.
 *
 * <p>Memory: jhdf lays out the object headers only when the file is closed. Pixel bytes go to the
 * file as each image is added, after the superblock ({@link DatasetBytes}); what stays on the heap per
 * image is its keypoints and a small dataset node. At close the headers are written after the pixels
 * and the superblock, at the start, points at the root group among them.
 *
 * <p>Methods are synchronized: several threads may write images, one at a time.
 */
public final class PoseH5Writer implements AutoCloseable {

    /** An HDF5 object header message's size field is 16 bits; jhdf writes attributes compactly. */
    private static final int MAX_HEADER_MESSAGE_BYTES = 0xFFFF;
    /** Bytes of the version 2 superblock, the first thing in the file; the pixels follow it. */
    private static final int SUPERBLOCK_BYTES = 48;
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1A, '\n'};

    private final Path target;
    private final AtomicOutput partial;
    private final H5Compression compression;
    private final FileChannel channel;
    private final WritableGroup root = new WritableGroupImpl(null, "/");
    private final WritableGroup group;
    private final DatasetBytes datasetBytes;
    private final Set<Long> imageIds = new HashSet<>();
    private boolean finished;

    private PoseH5Writer(Path target, AtomicOutput partial, H5Compression compression, FileChannel channel) {
        this.target = target;
        this.partial = partial;
        this.compression = compression;
        this.channel = channel;
        this.datasetBytes = new DatasetBytes(channel, target, SUPERBLOCK_BYTES, compression);
        this.group = root.putGroup(PoseH5Layout.GROUP);
    }

    /** A writer of uncompressed (contiguous) datasets, as h5py writes by default. */
    public static PoseH5Writer create(Path target) throws IOException {
        return create(target, H5Compression.none());
    }

    public static PoseH5Writer create(Path target, H5Compression compression) throws IOException {
        AtomicOutput partial = new AtomicOutput(target);
        try {
            return new PoseH5Writer(partial.target(), partial, compression,
                    FileChannel.open(partial.temp(), StandardOpenOption.READ, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            partial.close();
            throw e;
        }
    }

    /**
     * Adds dataset {@code coco/<imageId>}: uint8 [h, w, 4] from {@code bgrx} (h*w*4 bytes, pixel
     * after pixel, each B, G, R, mask byte), with attribute {@code keypoints} = {@code keypoints}.
     */
    public void writeImage(long imageId, int h, int w, MemorySegment bgrx, int[][] keypoints) throws IOException {
        writeImage(imageId, h, w, PoseH5Layout.BGRX_CHANNELS, PixelType.UINT8, bgrx, keypoints);
    }

    /**
     * Adds dataset {@code coco/<imageId>} of {@code type} with shape [h, w, channels] from
     * {@code pixels} (row-major, channels interleaved; UINT16 elements little-endian), with
     * attribute {@code keypoints}: int64 [n, k] for n persons of k values each (all rows the same
     * length), or float64 shape (0,) for no persons, exactly as h5py stores {@code []}.
     */
    public synchronized void writeImage(long imageId, int h, int w, int channels, PixelType type,
                                        MemorySegment pixels, int[][] keypoints) throws IOException {
        String name = PoseH5Layout.datasetName(imageId);
        if (finished) {
            throw new IllegalStateException("writer of " + target + " is closed; cannot add image " + name);
        }
        if (h < 1 || w < 1 || channels < 1) {
            throw new IllegalArgumentException(item(name) + ": shape [" + h + ", " + w + ", " + channels
                    + "] must be positive");
        }
        long bytes = (long) h * w * channels * type.bytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(item(name) + ": " + bytes + " bytes exceed the 2^31-1 bytes"
                    + " an image dataset may hold here");
        }
        if (pixels.byteSize() < bytes) {
            throw new IllegalArgumentException(item(name) + ": pixel segment has " + pixels.byteSize()
                    + " bytes, shape [" + h + ", " + w + ", " + channels + "] " + type + " needs " + bytes);
        }
        if (imageIds.contains(imageId)) {
            throw new IllegalArgumentException(item(name) + " was already written");
        }
        long[][] keypointRows = keypointRows(name, keypoints);
        checkAttributeFits(name, keypointRows);

        MemorySegment content = pixels.asSlice(0, bytes);
        DatasetBytes.Region stored = datasetBytes.append(content);
        PrewrittenDataset dataset = new PrewrittenDataset(group, name, new long[] {h, w, channels}, type,
                compression, stored);
        if (keypointRows.length == 0) {
            dataset.putAttribute(new EmptyFloat64Attribute(dataset, PoseH5Layout.KEYPOINTS_ATTRIBUTE));
        } else {
            dataset.putAttribute(PoseH5Layout.KEYPOINTS_ATTRIBUTE, keypointRows);
        }
        group.putDataset(name, dataset);
        imageIds.add(imageId);
    }

    /** Images added so far. */
    public synchronized int imageCount() {
        return imageIds.size();
    }

    /** Discards everything written; the target is left as it was. Closing afterwards does nothing. */
    public synchronized void abort() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try (channel) {
            datasetBytes.close();
        } catch (IOException e) {
            // a flush behind the writer, or closing the file, failed: nothing of the file is kept
        } finally {
            // without a commit, the partial file is deleted
            partial.close();
        }
    }

    /** Writes the file and renames it onto the target atomically. */
    @Override
    public synchronized void close() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        try (partial) {
            try (channel; datasetBytes) {
                long rootAddress = datasetBytes.end();
                root.write(new HdfFileChannel(channel, new Superblock.SuperblockV2V3()), rootAddress);
                ByteBuffer superblock = superblock(channel.size(), rootAddress);
                while (superblock.hasRemaining()) {
                    channel.write(superblock, superblock.position());
                }
            } catch (RuntimeException e) {
                throw new IOException("writing HDF5 file " + target + " failed: " + e.getMessage(), e);
            }
            partial.commit();
        }
    }

    /**
     * The version 2 superblock jhdf writes (offsets and lengths of 8 bytes, no base address, no extension),
     * but with the root group at {@code rootAddress}, after the pixels: jhdf's own places it right after
     * the superblock.
     */
    private static ByteBuffer superblock(long endOfFile, long rootAddress) {
        ByteBuffer buffer = new BufferBuilder()
                .writeBytes(HDF5_SIGNATURE)
                .writeByte(2)
                .writeByte(8)
                .writeByte(8)
                .writeByte(0)
                .writeLong(0)
                .writeLong(-1)
                .writeLong(endOfFile)
                .writeLong(rootAddress)
                .appendChecksum()
                .build();
        if (buffer.remaining() != SUPERBLOCK_BYTES) {
            throw new IllegalStateException("a version 2 superblock of " + buffer.remaining() + " bytes");
        }
        return buffer;
    }

    private long[][] keypointRows(String name, int[][] keypoints) {
        if (keypoints == null) {
            throw new IllegalArgumentException(item(name) + ": keypoints must not be null (use an empty array)");
        }
        int valuesPerPerson = -1;
        long[][] rows = new long[keypoints.length][];
        for (int person = 0; person < keypoints.length; person++) {
            int[] row = keypoints[person];
            if (row == null || row.length == 0) {
                throw new IllegalArgumentException(item(name) + ": keypoints row " + person + " is empty");
            }
            if (valuesPerPerson < 0) {
                valuesPerPerson = row.length;
            } else if (row.length != valuesPerPerson) {
                throw new IllegalArgumentException(item(name) + ": keypoints row " + person + " has "
                        + row.length + " values, row 0 has " + valuesPerPerson);
            }
            rows[person] = new long[row.length];
            for (int i = 0; i < row.length; i++) {
                rows[person][i] = row[i];
            }
        }
        return rows;
    }

    private void checkAttributeFits(String name, long[][] keypointRows) {
        if (keypointRows.length == 0) {
            return;
        }
        // Sized before the image's bytes are written, so a rejected image leaves nothing behind; the
        // attribute built here only measures the message (it belongs to no node).
        Attribute attribute = new WritableAttributeImpl(PoseH5Layout.KEYPOINTS_ATTRIBUTE, null, keypointRows);
        int messageBytes = AttributeMessage.create(attribute.getName(), attribute).toBuffer().capacity();
        if (messageBytes > MAX_HEADER_MESSAGE_BYTES) {
            throw new IllegalArgumentException(item(name) + ": keypoints attribute needs " + messageBytes
                    + " bytes, more than the " + MAX_HEADER_MESSAGE_BYTES + " of a compact HDF5 attribute"
                    + " (dense attribute storage is not written by jhdf)");
        }
    }

    private String item(String name) {
        return target + ": " + PoseH5Layout.GROUP + "/" + name;
    }
}
