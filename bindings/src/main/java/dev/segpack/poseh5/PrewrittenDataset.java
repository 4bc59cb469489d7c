package dev.segpack.poseh5;

import io.jhdf.AbstractWritableNode;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.api.WritableAttributeImpl;
import io.jhdf.api.WritableDataset;
import io.jhdf.exceptions.HdfWritingException;
import io.jhdf.filter.DeflatePipelineFilter;
import io.jhdf.filter.FilterManager;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayout;
import io.jhdf.object.message.DataLayoutMessage;
import io.jhdf.object.message.DataLayoutMessage.ChunkedDataLayoutMessageV4;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FilterPipelineMessage;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;
import io.jhdf.object.message.Message;
import io.jhdf.storage.HdfFileChannel;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A jhdf writable dataset whose shape is given explicitly and whose bytes are already in the file
 * ({@link DatasetBytes}). jhdf's own {@code WritableDatasetImpl} derives the shape from a nested Java
 * array and issues one write per innermost array (a {@code byte[h][w][4]} image is h*w four-byte
 * writes); this node emits the same kind of object header through jhdf's public message classes,
 * its layout message pointing at those bytes. jhdf calls {@link #write} when the file is closed,
 * placing each child of a group directly after the previous one.
 */
final class PrewrittenDataset extends AbstractWritableNode implements WritableDataset {

    private final long[] dimensions;
    private final PixelType pixelType;
    private final H5Compression compression;
    private final DatasetBytes.Region stored;
    /** Kept here rather than in jhdf's node so attributes jhdf cannot build can be attached. */
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();

    PrewrittenDataset(Group parent, String name, long[] dimensions, PixelType pixelType,
                   H5Compression compression, DatasetBytes.Region stored) {
        super(parent, name);
        this.dimensions = dimensions.clone();
        this.pixelType = pixelType;
        this.compression = compression;
        this.stored = stored;
    }

    /** Attaches an attribute jhdf could not build itself, e.g. {@link EmptyFloat64Attribute}. */
    void putAttribute(Attribute attribute) {
        attributes.put(attribute.getName(), attribute);
    }

    @Override
    public Attribute putAttribute(String name, Object data) {
        return attributes.put(name, new WritableAttributeImpl(name, this, data));
    }

    @Override
    public Attribute putAttribute(String name, Object data, boolean unsigned) {
        return attributes.put(name, new WritableAttributeImpl(name, this, data, unsigned));
    }

    @Override
    public Attribute removeAttribute(String name) {
        return attributes.remove(name);
    }

    @Override
    public Map<String, Attribute> getAttributes() {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public Attribute getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public long write(HdfFileChannel hdfFileChannel, long position) {
        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(pixelType.hdf5Type()));
        messages.add(DataSpaceMessage.create(simpleDataSpace(dimensions)));
        messages.add(FillValueMessage.NO_FILL);
        if (compression.gzip()) {
            messages.add(FilterPipelineMessage.create(List.of(deflateFilter())));
        }
        messages.add(layoutMessage(stored.offset()));
        if (!getAttributes().isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            for (Map.Entry<String, Attribute> attribute : getAttributes().entrySet()) {
                messages.add(AttributeMessage.create(attribute.getKey(), attribute.getValue()));
            }
        }
        ByteBuffer header = new ObjectHeader.ObjectHeaderV2(position, messages).toBuffer();
        long end = position;
        while (header.hasRemaining()) {
            end += hdfFileChannel.write(header, end);
        }
        return end;
    }

    /** The simple dataspace of these dimensions (also of {@link EmptyFloat64Attribute}'s shape (0,)). */
    static DataSpace simpleDataSpace(long[] dimensions) {
        // DataSpace has no public constructor from dimensions; a rank-matched template from a tiny
        // array is resized to the real dimensions (only the rank of the template matters).
        int[] ones = new int[dimensions.length];
        Arrays.fill(ones, 1);
        Object template = Array.newInstance(byte.class, ones);
        return DataSpace.modifyDimensions(DataSpace.fromObject(template), dimensions);
    }

    private FilterInfo deflateFilter() {
        return new FilterInfo(DeflatePipelineFilter.ID, "deflate", false, new int[] {compression.level()});
    }

    private DataLayoutMessage layoutMessage(long dataAddress) {
        if (!compression.gzip()) {
            return ContiguousDataLayoutMessage.create(dataAddress, stored.length());
        }
        // A chunked layout's dimensions end with the element size in bytes.
        int[] chunkDimensions = new int[dimensions.length + 1];
        for (int i = 0; i < dimensions.length; i++) {
            chunkDimensions[i] = Math.toIntExact(dimensions[i]);
        }
        chunkDimensions[dimensions.length] = pixelType.bytes();
        return ChunkedDataLayoutMessageV4.createFilteredSingleChunk(
                dataAddress, chunkDimensions, Math.toIntExact(stored.length()));
    }

    @Override
    public long getSize() {
        return Arrays.stream(dimensions).reduce(1L, Math::multiplyExact);
    }

    @Override
    public long getSizeInBytes() {
        return getSize() * pixelType.bytes();
    }

    @Override
    public long getStorageInBytes() {
        return stored.length();
    }

    @Override
    public int[] getDimensions() {
        return Arrays.stream(dimensions).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public long[] getDimensionsAsLong() {
        return dimensions.clone();
    }

    @Override
    public boolean isScalar() {
        return false;
    }

    @Override
    public boolean isEmpty() {
        return false;
    }

    @Override
    public boolean isCompound() {
        return false;
    }

    @Override
    public boolean isVariableLength() {
        return false;
    }

    @Override
    public long[] getMaxSize() {
        return dimensions.clone();
    }

    @Override
    public DataLayout getDataLayout() {
        return compression.gzip() ? DataLayout.CHUNKED : DataLayout.CONTIGUOUS;
    }

    @Override
    public Object getData() {
        throw new HdfWritingException("dataset " + getPath() + " is being written; read the written file instead");
    }

    @Override
    public Object getDataFlat() {
        return getData();
    }

    @Override
    public Object getData(long[] sliceOffset, int[] sliceDimensions) {
        return getData();
    }

    @Override
    public Class<?> getJavaType() {
        return pixelType.hdf5Type().getJavaType();
    }

    @Override
    public DataType getDataType() {
        return pixelType.hdf5Type();
    }

    @Override
    public Object getFillValue() {
        return null;
    }

    @Override
    public List<PipelineFilterWithData> getFilters() {
        if (!compression.gzip()) {
            return List.of();
        }
        return FilterManager.getPipeline(List.of(deflateFilter())).getFilters();
    }

    @Override
    public NodeType getType() {
        return NodeType.DATASET;
    }

    @Override
    public boolean isGroup() {
        return false;
    }

    @Override
    public long getAddress() {
        throw new HdfWritingException("dataset " + getPath() + " has no address until the file is written");
    }

    @Override
    public boolean isLink() {
        return false;
    }

    @Override
    public boolean isAttributeCreationOrderTracked() {
        return false;
    }
}
