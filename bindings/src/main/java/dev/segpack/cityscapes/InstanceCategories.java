package dev.segpack.cityscapes;

import dev.segpack.dataset.Category;
import dev.segpack.dataset.CategorySet;
import dev.segpack.engine.cityscapes.Label;
import dev.segpack.engine.cityscapes.LabelTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The instance classes of a label table as COCO categories: every label with instances that is evaluated (not
 * ignoreInEval, as convert2panoptic's things) and whose id (or trainId) an instance image multiplies by 1000, i.e.
 * not 255 nor negative, once per id (the first label of a trainId names it),
 * in table order; the category id is that id. Maps an instance image value to its category: v ≥ 1000 is instance
 * v mod 1000 of class v / 1000, a smaller v a class's {@code ...group} region (a crowd).
 */
final class InstanceCategories {

    private final CategorySet categories;
    private final Map<Integer, Integer> indexOfId = new HashMap<>();

    InstanceCategories(LabelTable table, boolean trainIds) {
        List<Category> list = new ArrayList<>();
        for (Label label : table.labels()) {
            int id = trainIds ? label.trainId() : label.id();
            if (label.hasInstances() && !label.ignoreInEval() && id >= 0 && id != 255 && !indexOfId.containsKey(id)) {
                indexOfId.put(id, list.size());
                list.add(new Category(label.name(), label.category(), OptionalInt.of(id), List.of(), List.of(), null));
            }
        }
        this.categories = new CategorySet(list);
    }

    CategorySet categories() {
        return categories;
    }

    /** The category index of an instance image value, or −1 when the value is no instance class. */
    int indexOf(int value) {
        return indexOfId.getOrDefault(value >= 1000 ? value / 1000 : value, -1);
    }

    static boolean isCrowd(int value) {
        return value < 1000;
    }
}
