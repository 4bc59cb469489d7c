package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.io.JsonText;
import dev.segpack.io.PyFloat;
import java.io.IOException;
import java.util.List;

/**
 * instances: one annotation per {@link Instance}, as datumaro's convert_instance writes it.
 * <ul>
 * <li>{@code iscrowd} is 1 exactly when the instance is written as a mask, and the mask is written as
 * uncompressed RLE {@code {"counts":[…],"size":[h,w]}}; polygons are lists of floats.</li>
 * <li>{@code area} is the mask's pixel count, or the pixel count of the union of the polygons'
 * COCO rasterisations; with no segmentation at all, the box's w·h (segmentation {@code []}).</li>
 * <li>{@code bbox} is the group's box (the box annotations' if any, else every part's), each value
 * rounded to 2 decimals.</li>
 * </ul>
 * Items whose image size is unknown get no instances (with a warning), as in datumaro.
 */
class InstancesConverter extends TaskConverter {

    private final InstanceBuilder builder;

    InstancesConverter(ExportContext context) {
        this(context, CocoTask.INSTANCES);
    }

    InstancesConverter(ExportContext context, CocoTask task) {
        super(context, task);
        this.builder = new InstanceBuilder(context);
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        for (Instance instance : instancesOf(item)) {
            out.add(Entry.numbered(context.annotationId(instance.leader().info()),
                    JsonText.renderFields(gen -> writeInstance(gen, instance, item, imageId))));
        }
    }

    /** The item's instances, or none (with a warning) when it has some but no image size. */
    final List<Instance> instancesOf(Item item) {
        if (InstanceBuilder.groups(item.annotations()).isEmpty()) {
            return List.of();
        }
        if (!item.image().hasSize()) {
            context.warnings().accept("item '" + item.id() + "': no image size, so its instances are not written");
            return List.of();
        }
        return builder.instances(item);
    }

    final void writeInstance(JsonGenerator gen, Instance instance, Item item, long imageId) throws IOException {
        AnnotationInfo info = instance.leader().info();
        boolean crowd = instance.mask() != null;
        double[] bbox = instance.bbox();
        gen.writeNumberField("image_id", imageId);
        gen.writeNumberField("category_id", context.categoryId(info.label()));
        gen.writeFieldName("segmentation");
        double area;
        if (crowd) {
            JsonText.writeUncompressedRle(gen, instance.mask());
            area = MaskApi.area(instance.mask());
        } else {
            gen.writeStartArray();
            for (double[] polygon : instance.polygons()) {
                JsonText.writeDoubles(gen, polygon);
            }
            gen.writeEndArray();
            area = instance.polygons().isEmpty()
                    ? bbox[2] * bbox[3]
                    : MaskApi.area(InstanceBuilder.polygonsMask(instance.polygons(), item.image().height(),
                            item.image().width()));
        }
        gen.writeFieldName("area");
        JsonText.writeDouble(gen, area);
        gen.writeFieldName("bbox");
        gen.writeStartArray();
        for (double v : bbox) {
            JsonText.writeDouble(gen, PyFloat.round(v, 2));
        }
        gen.writeEndArray();
        gen.writeNumberField("iscrowd", crowd ? 1 : 0);
        context.writeScoreAndAttributes(gen, info, where(item, instance.leader()));
    }
}
