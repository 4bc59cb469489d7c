package dev.segpack.skeleton;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;

/**
 * The only globals a pickle may name: numpy's array, dtype and scalar reconstruction (numpy 1.x
 * {@code numpy.core} and 2.x {@code numpy._core} names), the containers Python pickles through
 * their constructors, and {@code _codecs.encode} (protocol 2 bytes). Each maps to a Java constructor
 * that builds data and nothing else; any other name is refused where the pickle names it, before
 * anything is called.
 */
final class PickleGlobals {

    /** {@code numpy.ndarray}: only an argument of {@code _reconstruct}, never called. */
    static final IObjectConstructor NDARRAY = args -> {
        throw new PickleException("numpy.ndarray is only accepted as the class _reconstruct rebuilds");
    };

    private final PickleArrays arrays;
    private final Map<String, IObjectConstructor> whitelist = new LinkedHashMap<>();

    PickleGlobals(PickleArrays arrays) {
        this.arrays = arrays;
        for (String core : List.of("numpy.core", "numpy._core")) {
            whitelist.put(core + ".multiarray._reconstruct", this::reconstruct);
            whitelist.put(core + ".multiarray.scalar", this::scalar);
            whitelist.put(core + ".numeric._frombuffer", this::frombuffer);
        }
        whitelist.put("numpy.ndarray", NDARRAY);
        whitelist.put("numpy.dtype", PickleGlobals::dtype);
        for (String builtins : List.of("builtins", "__builtin__")) {
            whitelist.put(builtins + ".set", args -> new LinkedHashSet<>(items(args, "set")));
            whitelist.put(builtins + ".frozenset", args -> new LinkedHashSet<>(items(args, "frozenset")));
            whitelist.put(builtins + ".tuple", args -> new PyTuple(new ArrayList<>(items(args, "tuple"))));
            whitelist.put(builtins + ".list", args -> new ArrayList<>(items(args, "list")));
            whitelist.put(builtins + ".bytes", PickleGlobals::bytes);
            whitelist.put(builtins + ".bytearray", PickleGlobals::bytes);
        }
        whitelist.put("collections.OrderedDict", args -> new LinkedHashMap<>());
        whitelist.put("_codecs.encode", PickleGlobals::encode);
    }

    /** The constructor of {@code module.name}, or null when it is not on the whitelist. */
    IObjectConstructor get(String module, String name) {
        return whitelist.get(module + "." + name);
    }

    /** {@code _reconstruct(ndarray, (0,), b'b')}: an empty array that the following BUILD fills. */
    private Object reconstruct(Object[] args) {
        if (args.length != 3 || args[0] != NDARRAY) {
            throw new PickleException("_reconstruct is only accepted for numpy.ndarray");
        }
        return new PickleArrays.ArrayState();
    }

    /** {@code _frombuffer(buffer, dtype, shape, order)}: protocol 5's arrays. */
    private Object frombuffer(Object[] args) {
        if (args.length != 4 || !(args[1] instanceof PickleArrays.DtypeState dtype) || !(args[2] instanceof Object[] shape)
                || !(args[3] instanceof String order)) {
            throw new PickleException("_frombuffer expects (buffer, dtype, shape, order), not " + Arrays.deepToString(args));
        }
        return arrays.array(dtype, shape, order.equals("F"), args[0]);
    }

    /** {@code scalar(dtype, bytes)}: a numpy scalar such as np.float32(0.5). */
    private Object scalar(Object[] args) {
        if (args.length != 2 || !(args[0] instanceof PickleArrays.DtypeState dtype)) {
            throw new PickleException("scalar expects (dtype, bytes), not " + Arrays.deepToString(args));
        }
        return arrays.scalar(dtype, args[1]);
    }

    /** {@code dtype('f2', False, True)}: a type whose byte order the following BUILD sets. */
    private static Object dtype(Object[] args) {
        if (args.length < 1 || !(args[0] instanceof String name)) {
            throw new PickleException("dtype expects a type name, not " + Arrays.deepToString(args));
        }
        return new PickleArrays.DtypeState(name);
    }

    /** {@code bytes()} / {@code bytearray(...)}: protocol 2 writes empty bytes as {@code bytes()}. */
    private static Object bytes(Object[] args) {
        if (args.length == 0) {
            return new byte[0];
        }
        if (args.length == 1 && args[0] instanceof byte[] bytes) {
            return bytes;
        }
        return encode(args);
    }

    /** {@code _codecs.encode(text, 'latin1')}: how protocol 2 writes bytes. */
    private static Object encode(Object[] args) {
        if (args.length == 2 && args[0] instanceof String text && args[1] instanceof String codec
                && (codec.equals("latin1") || codec.equals("latin-1"))) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        throw new PickleException("_codecs.encode is only accepted as encode(str, 'latin1')");
    }

    private static Collection<?> items(Object[] args, String type) {
        if (args.length == 0) {
            return List.of();
        }
        if (args.length == 1 && args[0] instanceof Collection<?> c) {
            return c;
        }
        if (args.length == 1 && args[0] instanceof Object[] tuple) {
            return Arrays.asList(tuple);
        }
        throw new PickleException(type + "() expects one list or tuple");
    }
}
