package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** image_info: the images only; no categories, no annotations. */
final class ImageInfoConverter extends TaskConverter {

    ImageInfoConverter(ExportContext context) {
        super(context);
    }

    @Override
    CocoTask task() {
        return CocoTask.IMAGE_INFO;
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
    }

    @Override
    void writeCategories(JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        gen.writeEndArray();
    }

    @Override
    boolean emptyWithoutAnnotations() {
        return false;
    }
}
