package dev.segpack.dataset;

import java.io.IOException;
import java.util.Iterator;

/**
 * An importer: the dataset's categories up front, then its items one at a time, in a deterministic
 * order, each produced only when asked for (so a writer consuming them holds one item at a time).
 * Failures while producing an item are thrown from the iterator as unchecked exceptions naming the
 * file and the item.
 */
public interface DatasetReader extends AutoCloseable {

    CategorySet categories();

    /** The items; may be called once. */
    Iterator<Item> items();

    /** How many items {@link #items} will give, or −1 when unknown (for progress only). */
    long itemCount();

    @Override
    void close() throws IOException;
}
