package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.List;

/**
 * Turns items into one COCO task's annotations. {@link #convert} runs on worker threads, one item at
 * a time per call, and only renders; the exporter writes the entries in item order.
 */
abstract class TaskConverter {

    /** An annotation to append: its id (0 = numbered by the writer) and its other fields, or a whole object. */
    record Entry(long id, byte[] bytes, boolean raw) {
        static Entry numbered(long id, byte[] fields) {
            return new Entry(id, fields, false);
        }

        static Entry raw(byte[] object) {
            return new Entry(0, object, true);
        }
    }

    final ExportContext context;
    private final CocoTask task;

    TaskConverter(ExportContext context, CocoTask task) {
        this.context = context;
        this.task = task;
    }

    final CocoTask task() {
        return task;
    }

    /** Renders the item's annotations of this task into {@code out}. */
    abstract void convert(Item item, long imageId, List<Entry> out);

    /** Whether an output with images but no annotations is empty (every task but image_info). */
    final boolean emptyWithoutAnnotations() {
        return task != CocoTask.IMAGE_INFO;
    }

    /** The fields before "images" in {@code form}: its preamble, then categories. */
    final byte[] header(CocoForm form) {
        return JsonText.renderFields(gen -> {
            form.writePreamble(gen);
            gen.writeFieldName("categories");
            writeCategories(gen);
        });
    }

    /**
     * This task's "categories" array: empty for captions and image_info (as datumaro writes them), else
     * id, name, supercategory and the task's own fields per category.
     */
    private void writeCategories(JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        if (task != CocoTask.CAPTIONS && task != CocoTask.IMAGE_INFO) {
            CategorySet cats = context.categories();
            for (int label = 0; label < cats.size(); label++) {
                Category c = cats.get(label);
                gen.writeStartObject();
                gen.writeNumberField("id", context.categoryId(label));
                gen.writeStringField("name", c.name());
                gen.writeStringField("supercategory", c.supercategory());
                writeCategoryExtras(gen, c);
                gen.writeEndObject();
            }
        }
        gen.writeEndArray();
    }

    /** The fields a category of this task has after id, name and supercategory; none by default. */
    void writeCategoryExtras(JsonGenerator gen, Category category) throws IOException {
    }

    static String where(Item item, Annotation a) {
        return "item '" + item.id() + "' annotation " + (a.info().id() != 0 ? "id " + a.info().id() : "without id");
    }
}
