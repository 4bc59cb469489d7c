package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.List;

/**
 * The two shapes of COCO file the exporter writes: datumaro's, and the plain one {@code masks to-coco}
 * writes (only the fields pycocotools reads). They differ in what stands before the categories and in
 * the fields of an image entry.
 */
enum CocoForm {
    /** licenses and info before the categories; an image entry carries size, file name, licence, urls and date. */
    DATUMARO {
        @Override
        void writePreamble(JsonGenerator gen) throws IOException {
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
        }

        @Override
        void writeImageFields(JsonGenerator gen, ImageInfo image) throws IOException {
            gen.writeNumberField("width", image.width());
            gen.writeNumberField("height", image.height());
            gen.writeStringField("file_name", image.fileName());
            gen.writeNumberField("license", 0);
            gen.writeStringField("flickr_url", "");
            gen.writeStringField("coco_url", "");
            gen.writeNumberField("date_captured", 0);
        }
    },
    /** the categories alone; an image entry is id, file_name, height, width. */
    PLAIN {
        @Override
        void writePreamble(JsonGenerator gen) {
        }

        @Override
        void writeImageFields(JsonGenerator gen, ImageInfo image) throws IOException {
            gen.writeStringField("file_name", image.fileName());
            gen.writeNumberField("height", image.height());
            gen.writeNumberField("width", image.width());
        }
    };

    /** The top-level fields before "categories". */
    abstract void writePreamble(JsonGenerator gen) throws IOException;

    /** An image entry's fields after its id. */
    abstract void writeImageFields(JsonGenerator gen, ImageInfo image) throws IOException;

    /** The entry every item gets in "images", whatever the task. */
    final byte[] imageEntry(Item item, long imageId) {
        return JsonText.render(gen -> {
            gen.writeStartObject();
            gen.writeNumberField("id", imageId);
            writeImageFields(gen, item.image());
            gen.writeEndObject();
        });
    }
}
