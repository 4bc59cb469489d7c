package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.engine.rle.RleOps;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * instances in the plain form {@code masks to-coco} writes: only the fields pycocotools reads (the
 * header and image entries of {@link CocoForm#PLAIN}). Every
 * instance group (see {@link InstanceBuilder#groups}) is one object made of one or more masks (united)
 * and, when it was traced, its outline polygons: {@code segmentation} is the polygons if it has any
 * (coordinates that are whole numbers, as contours are, written as integers), else the mask as
 * compressed RLE; {@code area} is the mask's pixel count (an integer), {@code bbox} its toBbox,
 * {@code iscrowd} 0, or 1 when the first mask has the attribute {@code is_crowd} true. Id and label are the
 * first mask's. A group without a mask is refused.
 */
final class PlainInstancesConverter extends TaskConverter {

    PlainInstancesConverter(ExportContext context) {
        super(context, CocoTask.INSTANCES);
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        for (List<Annotation> group : InstanceBuilder.groups(item.annotations())) {
            List<Rle> masks = new ArrayList<>();
            List<double[]> polygons = new ArrayList<>();
            Annotation.RleMask first = null;
            for (Annotation a : group) {
                switch (a) {
                    case Annotation.RleMask m -> {
                        if (m.rle().h() != item.image().height() || m.rle().w() != item.image().width()) {
                            throw new IllegalArgumentException(where(item, m) + ": mask is " + m.rle().h() + "x"
                                    + m.rle().w() + " but its image is " + item.image().height() + "x"
                                    + item.image().width());
                        }
                        first = first == null ? m : first;
                        masks.add(m.rle());
                    }
                    case Annotation.Polygon p -> polygons.add(p.points());
                    default -> {
                    }
                }
            }
            if (first == null) {
                throw new IllegalArgumentException(where(item, group.get(0))
                        + ": plain instances are mask objects, and this one has no mask");
            }
            Rle mask = masks.size() == 1 ? masks.get(0) : RleOps.union(masks);
            AnnotationInfo info = first.info();
            out.add(Entry.numbered(context.annotationId(info), JsonText.renderFields(gen -> {
                gen.writeNumberField("image_id", imageId);
                gen.writeNumberField("category_id", context.categoryId(info.label()));
                gen.writeFieldName("segmentation");
                if (polygons.isEmpty()) {
                    JsonText.writeCompressedRle(gen, mask);
                } else {
                    gen.writeStartArray();
                    for (double[] p : polygons) {
                        writeCoordinates(gen, p);
                    }
                    gen.writeEndArray();
                }
                gen.writeNumberField("area", MaskApi.area(mask));
                gen.writeFieldName("bbox");
                gen.writeStartArray();
                Bbox box = MaskApi.toBbox(mask);
                for (double v : box.toArray()) {
                    JsonText.writeDouble(gen, v);
                }
                gen.writeEndArray();
                gen.writeNumberField("iscrowd", Boolean.TRUE.equals(info.attributes().get(Attributes.IS_CROWD)) ? 1 : 0);
            })));
        }
    }

    private static void writeCoordinates(JsonGenerator gen, double[] xy) throws IOException {
        gen.writeStartArray();
        for (double v : xy) {
            if (v == Math.rint(v) && Math.abs(v) < 0x1p53) {
                gen.writeNumber((long) v);
            } else {
                JsonText.writeDouble(gen, v);
            }
        }
        gen.writeEndArray();
    }
}
