package dev.segpack.dataset;

import java.util.Objects;

/**
 * What every annotation has, as in datumaro: an id (0 = none; the exporter numbers those), a label
 * (an index into the dataset's {@link CategorySet}, or {@link #NO_LABEL}), a group (0 = none;
 * annotations sharing a nonzero group are parts of one object), a z-order (higher is in front) and
 * attributes.
 */
public record AnnotationInfo(long id, int label, long group, int zOrder, Attributes attributes) {

    public static final int NO_LABEL = -1;

    public AnnotationInfo {
        Objects.requireNonNull(attributes, "attributes");
        if (label < NO_LABEL) {
            throw new IllegalArgumentException("label " + label + " is neither a category index nor NO_LABEL");
        }
    }
}
