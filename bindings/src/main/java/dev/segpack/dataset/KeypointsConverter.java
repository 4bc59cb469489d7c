package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.segpack.io.JsonText;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * person_keypoints, as datumaro writes it: first every "solitary" points annotation (ungrouped, or in
 * a group without a box, polygon or mask) as an instance of its own with an empty segmentation and
 * its visible points' box; then every instance whose group has a points annotation, with those
 * keypoints. Keypoints are written as x, y, v triples with {@code num_keypoints} = points not absent.
 * Categories carry their keypoint names and skeleton.
 */
final class KeypointsConverter extends InstancesConverter {

    KeypointsConverter(ExportContext context) {
        super(context, CocoTask.PERSON_KEYPOINTS);
    }

    @Override
    void convert(Item item, long imageId, List<Entry> out) {
        if (item.annotations().stream().noneMatch(a -> a instanceof Annotation.Points)) {
            return;
        }
        for (Annotation.Points points : solitaryPoints(item.annotations())) {
            Instance alone = new Instance(points, List.of(), null, InstanceBuilder.bbox(points));
            out.add(Entry.numbered(context.annotationId(points.info()), JsonText.renderFields(gen -> {
                writeInstance(gen, alone, item, imageId);
                writeKeypoints(gen, points);
            })));
        }
        for (Instance instance : instancesOf(item)) {
            Annotation.Points points = pointsOfGroup(item.annotations(), instance.leader().info().group());
            if (points != null) {
                out.add(Entry.numbered(context.annotationId(instance.leader().info()), JsonText.renderFields(gen -> {
                    writeInstance(gen, instance, item, imageId);
                    writeKeypoints(gen, points);
                })));
            }
        }
    }

    /** Points annotations of group 0, or of a group with no instance part; in group order, stably. */
    private static List<Annotation.Points> solitaryPoints(List<Annotation> annotations) {
        Set<Long> groupsWithParts = new HashSet<>();
        for (Annotation a : annotations) {
            if (InstanceBuilder.isInstancePart(a)) {
                groupsWithParts.add(a.info().group());
            }
        }
        return annotations.stream()
                .filter(a -> a instanceof Annotation.Points)
                .map(a -> (Annotation.Points) a)
                .filter(p -> p.info().group() == 0 || !groupsWithParts.contains(p.info().group()))
                .sorted(java.util.Comparator.comparingLong(p -> p.info().group()))
                .toList();
    }

    /** The first points annotation of a nonzero group, or null. */
    private static Annotation.Points pointsOfGroup(List<Annotation> annotations, long group) {
        if (group == 0) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof Annotation.Points p && p.info().group() == group) {
                return p;
            }
        }
        return null;
    }

    private static void writeKeypoints(JsonGenerator gen, Annotation.Points points) throws IOException {
        gen.writeFieldName("keypoints");
        gen.writeStartArray();
        int annotated = 0;
        for (int k = 0; k < points.visibility().length; k++) {
            JsonText.writeDouble(gen, points.xy()[2 * k]);
            JsonText.writeDouble(gen, points.xy()[2 * k + 1]);
            gen.writeNumber(points.visibility()[k]);
            annotated += points.visibility()[k] != 0 ? 1 : 0;
        }
        gen.writeEndArray();
        gen.writeNumberField("num_keypoints", annotated);
    }

    @Override
    void writeCategoryExtras(JsonGenerator gen, Category category) throws IOException {
        gen.writeFieldName("keypoints");
        JsonText.writeStrings(gen, category.keypoints());
        gen.writeFieldName("skeleton");
        gen.writeStartArray();
        for (int[] joint : category.skeleton()) {
            gen.writeArray(joint, 0, 2);
        }
        gen.writeEndArray();
    }
}
