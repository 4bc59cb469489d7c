package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.List;

/** captions: {id, image_id, category_id 0, caption[, score][, attributes]}; no categories. */
final class CaptionsConverter extends TaskConverter {

    CaptionsConverter(ExportContext context) {
        super(context);
    }

    @Override
    CocoTask task() {
        return CocoTask.CAPTIONS;
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        for (Annotation a : item.annotations()) {
            if (a instanceof Annotation.Caption caption) {
                out.add(Entry.numbered(context.annotationId(caption.info()), JsonText.renderFields(gen -> {
                    gen.writeNumberField("image_id", imageId);
                    gen.writeNumberField("category_id", 0); // datumaro's workaround for a cocoapi bug
                    gen.writeStringField("caption", caption.text());
                    context.writeScoreAndAttributes(gen, caption.info(), where(item, a));
                })));
            }
        }
    }

    @Override
    void writeCategories(JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        gen.writeEndArray();
    }
}
