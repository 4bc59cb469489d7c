package dev.segpack.dataset;

import java.util.List;

/** image_info: the images only; no categories, no annotations. */
final class ImageInfoConverter extends TaskConverter {

    ImageInfoConverter(ExportContext context) {
        super(context, CocoTask.IMAGE_INFO);
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
    }
}
