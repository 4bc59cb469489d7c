package dev.segpack.dataset;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One dataset item: an image and its annotations. {@code id} names the item (datumaro's item id,
 * e.g. the image file's stem); {@code subset} is the split it belongs to ("default" when there is
 * none); {@code imageId} is the image id of the source (a COCO image id), if it had one.
 */
public record Item(String id, String subset, ImageInfo image, OptionalLong imageId, List<Annotation> annotations) {

    public static final String DEFAULT_SUBSET = "default";

    public Item {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subset, "subset");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imageId, "imageId");
        annotations = List.copyOf(annotations);
    }
}
