package dev.segpack.poseh5;

/**
 * How image datasets are stored: contiguous and uncompressed (h5py's default), or with HDF5's
 * deflate filter, which h5py calls {@code compression="gzip"} (level = {@code compression_opts}).
 * A deflated image is one chunk spanning the whole dataset.
 */
public record H5Compression(boolean gzip, int level) {

    private static final H5Compression NONE = new H5Compression(false, 0);

    public H5Compression {
        if (gzip && (level < 0 || level > 9)) {
            throw new IllegalArgumentException("gzip level must be 0..9, got " + level);
        }
        if (!gzip && level != 0) {
            throw new IllegalArgumentException("an uncompressed layout has no level, got " + level);
        }
    }

    public static H5Compression none() {
        return NONE;
    }

    /** HDF5 deflate at {@code level} 0..9; h5py's default for {@code compression="gzip"} is 4. */
    public static H5Compression gzip(int level) {
        return new H5Compression(true, level);
    }
}
