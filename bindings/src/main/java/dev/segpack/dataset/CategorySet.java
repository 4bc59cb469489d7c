package dev.segpack.dataset;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The dataset's categories; an annotation's label is an index into this list. Names are unique. */
public record CategorySet(List<Category> categories) {

    public CategorySet {
        categories = List.copyOf(categories);
        Set<String> names = new HashSet<>();
        for (Category c : categories) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("category name '" + c.name() + "' appears twice");
            }
        }
    }

    public int size() {
        return categories.size();
    }

    public Category get(int label) {
        return categories.get(label);
    }

    /** The COCO id of category {@code label}: its id in its source when it had one, else label + 1. */
    public int cocoId(int label) {
        return categories.get(label).sourceId().orElse(label + 1);
    }
}
