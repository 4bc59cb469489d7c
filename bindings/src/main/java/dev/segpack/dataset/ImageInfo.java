package dev.segpack.dataset;

import java.util.Objects;

/** An item's image: its file name (as COCO's {@code file_name}) and size; 0×0 when the size is unknown. */
public record ImageInfo(String fileName, int height, int width) {

    public ImageInfo {
        Objects.requireNonNull(fileName, "fileName");
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("negative image size " + height + "x" + width + " for " + fileName);
        }
    }

    public boolean hasSize() {
        return height > 0 && width > 0;
    }
}
