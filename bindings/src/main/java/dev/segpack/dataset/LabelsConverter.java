package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.List;

/** labels: one {id, image_id, category_id[, score][, attributes]} per image label. */
final class LabelsConverter extends TaskConverter {

    LabelsConverter(ExportContext context) {
        super(context);
    }

    @Override
    CocoTask task() {
        return CocoTask.LABELS;
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        for (Annotation a : item.annotations()) {
            if (a instanceof Annotation.Label label) {
                out.add(Entry.numbered(context.annotationId(label.info()), JsonText.renderFields(gen -> {
                    gen.writeNumberField("image_id", imageId);
                    gen.writeNumberField("category_id", context.categoryId(label.info().label()));
                    context.writeScoreAndAttributes(gen, label.info(), where(item, a));
                })));
            }
        }
    }

    @Override
    void writeCategories(JsonGenerator gen) throws IOException {
        writePlainCategories(gen);
    }
}
