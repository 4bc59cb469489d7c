package dev.segpack.skeleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A Python tuple (a list is a {@link List}), kept apart so that it is written back as a tuple. */
public record PyTuple(List<Object> items) {

    public PyTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }
}
