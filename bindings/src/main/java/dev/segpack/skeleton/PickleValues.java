package dev.segpack.skeleton;

import dev.segpack.npy.NpyArray;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.PickleException;

/**
 * Pyrolite's values as {@link PickleReader} documents them, with depth and size checked: a shared
 * subtree is visited once per reference, so a pickle that references a list of lists of the same
 * list is refused once the visits outnumber what the file could hold, as are reference cycles.
 */
final class PickleValues {

    private long visitsLeft;

    PickleValues(long fileBytes) {
        this.visitsLeft = 16 * fileBytes + 1024;
    }

    Object value(Object raw, int depth) {
        if (depth > PickleReader.MAX_DEPTH) {
            throw new PickleException("containers nest more than " + PickleReader.MAX_DEPTH + " deep (or refer to themselves)");
        }
        if (--visitsLeft < 0) {
            throw new PickleException("shared references expand to more values than the file could hold: a pickle bomb");
        }
        return switch (raw) {
            case null -> null;
            case Integer i -> (long) i;
            case Long l -> l;
            case BigInteger b -> b.bitLength() < 64 ? (Object) b.longValue() : b;
            case Boolean b -> b;
            case Double d -> d;
            case String s -> s;
            case byte[] b -> b;
            case NpyArray a -> a;
            case NumpyScalar s -> s;
            case PickleArrays.ArrayState a -> a.array();
            case Object[] tuple -> {
                List<Object> items = new ArrayList<>(tuple.length);
                for (Object item : tuple) {
                    items.add(value(item, depth + 1));
                }
                yield new PyTuple(items);
            }
            case PyTuple tuple -> {
                List<Object> items = new ArrayList<>(tuple.size());
                for (Object item : tuple.items()) {
                    items.add(value(item, depth + 1));
                }
                yield new PyTuple(items);
            }
            case List<?> list -> {
                List<Object> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(value(item, depth + 1));
                }
                yield items;
            }
            case Map<?, ?> map -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.put(value(e.getKey(), depth + 1), value(e.getValue(), depth + 1));
                }
                yield out;
            }
            case Collection<?> set -> {
                Set<Object> out = new LinkedHashSet<>();
                for (Object item : set) {
                    out.add(value(item, depth + 1));
                }
                yield out;
            }
            case PickleArrays.DtypeState dtype -> throw new PickleException("a bare numpy dtype is not supported as a value");
            default -> throw new PickleException("a " + raw.getClass().getSimpleName() + " is not data");
        };
    }
}
