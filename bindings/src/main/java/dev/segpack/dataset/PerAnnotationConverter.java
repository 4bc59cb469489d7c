package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.List;

/**
 * captions and labels: one entry per annotation of the task's kind, {id, image_id, category_id, the
 * kind's own fields[, score][, attributes]}. A caption's category_id is 0 and captions have no
 * categories; a label's is its category's id.
 */
final class PerAnnotationConverter<A extends Annotation> extends TaskConverter {

    /** Writes category_id and the kind's own fields. */
    @FunctionalInterface
    private interface Fields<A> {
        void write(JsonGenerator gen, A annotation) throws IOException;
    }

    private final Class<A> kind;
    private final Fields<A> fields;

    private PerAnnotationConverter(ExportContext context, CocoTask task, Class<A> kind, Fields<A> fields) {
        super(context, task);
        this.kind = kind;
        this.fields = fields;
    }

    static PerAnnotationConverter<Annotation.Caption> captions(ExportContext context) {
        return new PerAnnotationConverter<>(context, CocoTask.CAPTIONS, Annotation.Caption.class, (gen, caption) -> {
            gen.writeNumberField("category_id", 0); // datumaro's workaround for a cocoapi bug
            gen.writeStringField("caption", caption.text());
        });
    }

    static PerAnnotationConverter<Annotation.Label> labels(ExportContext context) {
        return new PerAnnotationConverter<>(context, CocoTask.LABELS, Annotation.Label.class,
                (gen, label) -> gen.writeNumberField("category_id", context.categoryId(label.info().label())));
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        for (Annotation a : item.annotations()) {
            if (kind.isInstance(a)) {
                A annotation = kind.cast(a);
                out.add(Entry.numbered(context.annotationId(a.info()), JsonText.renderFields(gen -> {
                    gen.writeNumberField("image_id", imageId);
                    fields.write(gen, annotation);
                    context.writeScoreAndAttributes(gen, a.info(), where(item, a));
                })));
            }
        }
    }
}
