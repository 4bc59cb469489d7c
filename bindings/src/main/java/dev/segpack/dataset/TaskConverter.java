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

    TaskConverter(ExportContext context) {
        this.context = context;
    }

    abstract CocoTask task();

    /** Renders the item's annotations of this task into {@code out}. */
    abstract void convert(Item item, long imageId, List<Entry> out);

    /** Writes this task's "categories" array. */
    abstract void writeCategories(JsonGenerator gen) throws IOException;

    /** Whether an output with images but no annotations is empty (every task but image_info). */
    boolean emptyWithoutAnnotations() {
        return true;
    }

    /** The fields before "images", as datumaro writes them: licenses, info, categories. */
    byte[] header() {
        return JsonText.renderFields(gen -> {
            gen.writeFieldName("licenses");
            gen.writeStartArray();
            gen.writeStartObject();
            gen.writeStringField("name", "");
            gen.writeNumberField("id", 0);
            gen.writeStringField("url", "");
            gen.writeEndObject();
            gen.writeEndArray();
            gen.writeFieldName("info");
            gen.writeStartObject();
            for (String key : List.of("contributor", "date_created", "description", "url", "version", "year")) {
                gen.writeStringField(key, "");
            }
            gen.writeEndObject();
            gen.writeFieldName("categories");
            writeCategories(gen);
        });
    }

    /** Categories as id, name, supercategory (instances, labels). */
    final void writePlainCategories(JsonGenerator gen) throws IOException {
        gen.writeStartArray();
        CategorySet cats = context.categories();
        for (int label = 0; label < cats.size(); label++) {
            gen.writeStartObject();
            writeCategoryFields(gen, label);
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    final void writeCategoryFields(JsonGenerator gen, int label) throws IOException {
        Category c = context.categories().get(label);
        gen.writeNumberField("id", context.categoryId(label));
        gen.writeStringField("name", c.name());
        gen.writeStringField("supercategory", c.supercategory());
    }

    /** The image entry every task writes for every item. */
    static byte[] imageEntry(Item item, long imageId) {
        return JsonText.render(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("id", imageId);
            gen.writeNumberField("width", item.image().width());
            gen.writeNumberField("height", item.image().height());
            gen.writeStringField("file_name", item.image().fileName());
            gen.writeNumberField("license", 0);
            gen.writeStringField("flickr_url", "");
            gen.writeStringField("coco_url", "");
            gen.writeNumberField("date_captured", 0);
            gen.writeEndObject();
        });
    }

    static String where(Item item, Annotation a) {
        return "item '" + item.id() + "' annotation " + (a.info().id() != 0 ? "id " + a.info().id() : "without id");
    }
}
