package dev.segpack.dataset;

import java.util.Iterator;
import java.util.List;

/** A dataset held in a list, for tests. */
record ListReader(CategorySet categories, List<Item> list) implements DatasetReader {

    @Override
    public Iterator<Item> items() {
        return list.iterator();
    }

    @Override
    public long itemCount() {
        return list.size();
    }

    @Override
    public void close() {
    }
}
