package dev.segpack.skeleton;

import dev.segpack.npy.NpyArray;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads pickles (protocols 2 to 5, as Python 3 and numpy 1.x / 2.x write them) safely. Pyrolite runs
 * the pickle machine; every opcode that names a global goes through {@link PickleGlobals}' whitelist
 * and anything else is refused when it is named, so nothing but data is ever built; dicts and sets
 * keep the file's order. Lengths are
 * checked against the bytes left in the file before anything is allocated, arrays against the file's
 * size, nesting against {@link #MAX_DEPTH}; protocol 0/1 text opcodes and persistent ids are refused.
 *
 * <p>What a pickle holds comes back as: {@code None} null, bool {@link Boolean}, int {@link Long} (or
 * {@link BigInteger}), float {@link Double}, str {@link String}, bytes and bytearray {@code byte[]},
 * tuple {@link PyTuple}, list {@link List}, dict {@link Map} (insertion order), set and frozenset
 * {@link Set}, ndarray {@link NpyArray} (off-heap in the caller's arena) and numpy scalars
 * {@link NumpyScalar}.
 */
public final class PickleReader {

    /** Containers nested deeper than this are refused (a PYSKL file nests 4 deep). */
    public static final int MAX_DEPTH = 100;
    /** Longest int (LONG4) accepted, in bytes: Python itself refuses to print ints of more than 4300 digits. */
    private static final int MAX_LONG_BYTES = 2048;
    /** Longest GLOBAL line (a module or name). */
    private static final int MAX_LINE = 1024;

    private PickleReader() {
    }

    /** The content of the pickle file {@code path}; its arrays live as long as {@code arena}. */
    public static Object read(Path path, Arena arena) throws IOException {
        long size = Files.size(path);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            return read(in, size, path.toString(), arena);
        }
    }

    /** The content of a pickle held in memory; {@code name} names it in errors. */
    public static Object read(byte[] pickle, String name, Arena arena) throws PickleFormatException {
        try {
            return read(new ByteArrayInputStream(pickle), pickle.length, name, arena);
        } catch (PickleFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new PickleFormatException(name + ": " + e.getMessage(), e);
        }
    }

    private static Object read(InputStream in, long size, String name, Arena arena) throws IOException {
        Machine machine = new Machine(new PickleInput(in, size), arena);
        Object raw;
        try {
            raw = machine.load(machine.in);
        } catch (RefusedGlobalException e) {
            throw new PickleFormatException(name + ": refused to load global " + e.getMessage()
                    + ": only numpy arrays, dtypes, scalars and plain containers are read from pickles");
        } catch (IOException | RuntimeException e) {
            if (machine.in.ended) {
                throw new PickleFormatException(name + ": truncated: " + (e instanceof PickleException
                        ? e.getMessage() : "the file ends before the pickle does"), e);
            }
            if (machine.in.first != Opcodes.PROTO) {
                throw new PickleFormatException(name + ": not a pickle of protocol 2 to 5 (it does not start with the PROTO opcode)", e);
            }
            throw new PickleFormatException(name + ": not a valid pickle (at byte " + (machine.in.position - 1) + "): "
                    + message(e), e);
        } finally {
            machine.close();
        }
        try {
            return new PickleValues(size).value(raw, 0);
        } catch (PickleException e) {
            throw new PickleFormatException(name + ": " + e.getMessage(), e);
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return e instanceof PickleException && m != null ? m : e.getClass().getSimpleName() + (m == null ? "" : " (" + m + ")");
    }

    /** A global outside the whitelist; its message is the global's name. */
    private static final class RefusedGlobalException extends PickleException {
        RefusedGlobalException(String global) {
            super(global);
        }
    }

    /** The pickle machine with the opcodes that name globals, allocate by a length, or lose order replaced. */
    private static final class Machine extends Unpickler {
        private final PickleInput in;
        private final PickleArrays arrays;
        private final PickleGlobals globals;

        Machine(PickleInput in, Arena arena) {
            this.in = in;
            this.arrays = new PickleArrays(arena, in.size);
            this.globals = new PickleGlobals(arrays);
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            switch (key) {
                case Opcodes.GLOBAL -> stack.add(global(line(), line()));
                case Opcodes.STACK_GLOBAL -> {
                    Object name = stack.pop();
                    Object module = stack.pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw new PickleException("STACK_GLOBAL needs two strings");
                    }
                    stack.add(global(m, n));
                }
                case Opcodes.INST, Opcodes.OBJ -> throw new PickleException("protocol 0/1 instance opcodes are not supported");
                case Opcodes.PERSID, Opcodes.BINPERSID -> throw new PickleException("persistent ids are not supported");
                case Opcodes.INT, Opcodes.LONG, Opcodes.FLOAT, Opcodes.STRING, Opcodes.UNICODE, Opcodes.GET, Opcodes.PUT ->
                        throw new PickleException("protocol 0 text opcode '" + (char) key + "' is not supported (protocols 2 to 5 are)");
                case Opcodes.EMPTY_DICT -> stack.add(new LinkedHashMap<>());
                case Opcodes.DICT -> {
                    Map<Object, Object> dict = new LinkedHashMap<>();
                    putPairs(dict, stack.pop_all_since_marker());
                    stack.add(dict);
                }
                case Opcodes.SETITEM -> {
                    Object value = stack.pop();
                    Object k = stack.pop();
                    dict(stack.peek()).put(k, value);
                }
                case Opcodes.SETITEMS -> {
                    List<Object> pairs = stack.pop_all_since_marker();
                    putPairs(dict(stack.peek()), pairs);
                }
                case Opcodes.EMPTY_SET -> stack.add(new LinkedHashSet<>());
                case Opcodes.FROZENSET -> stack.add(new LinkedHashSet<>(stack.pop_all_since_marker()));
                case Opcodes.ADDITEMS -> {
                    List<Object> items = stack.pop_all_since_marker();
                    if (!(stack.peek() instanceof Set<?> set)) {
                        throw new PickleException("ADDITEMS on something that is not a set");
                    }
                    @SuppressWarnings("unchecked")
                    Set<Object> target = (Set<Object>) set;
                    target.addAll(items);
                }
                case Opcodes.BUILD -> {
                    Object state = stack.pop();
                    switch (stack.peek()) {
                        case PickleArrays.ArrayState array -> arrays.build(array, state);
                        case PickleArrays.DtypeState dtype -> dtype.setState(state);
                        case Map<?, ?> m when state instanceof Map<?, ?> s && s.isEmpty() -> { }
                        default -> throw new PickleException("BUILD is only accepted on numpy arrays and dtypes");
                    }
                }
                case Opcodes.BINBYTES -> stack.add(in.bytes(in.uint32()));
                case Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> stack.add(in.bytes(in.int64()));
                case Opcodes.BINUNICODE -> stack.add(utf8(in.bytes(in.uint32())));
                case Opcodes.BINUNICODE8 -> stack.add(utf8(in.bytes(in.int64())));
                case Opcodes.BINSTRING -> stack.add(new String(in.bytes(in.uint32()), StandardCharsets.ISO_8859_1));
                case Opcodes.LONG4 -> {
                    long n = in.uint32();
                    if (n > MAX_LONG_BYTES) {
                        throw new PickleException("an int of " + n + " bytes is too long");
                    }
                    byte[] le = in.bytes(n);
                    byte[] be = new byte[le.length];
                    for (int i = 0; i < le.length; i++) {
                        be[i] = le[le.length - 1 - i];
                    }
                    stack.add(le.length == 0 ? 0L : new BigInteger(be));
                }
                default -> {
                    return super.dispatch(key);
                }
            }
            return NO_RETURN_VALUE;
        }

        private IObjectConstructor global(String module, String name) {
            IObjectConstructor constructor = globals.get(module, name);
            if (constructor == null) {
                throw new RefusedGlobalException(module + "." + name);
            }
            return constructor;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("premature end of file");
                }
                if (line.length() == MAX_LINE) {
                    throw new PickleException("a GLOBAL line is longer than " + MAX_LINE + " characters");
                }
                line.append((char) c);
            }
            return line.toString();
        }

        @SuppressWarnings("unchecked")
        private static Map<Object, Object> dict(Object target) {
            if (!(target instanceof Map<?, ?> map)) {
                throw new PickleException("SETITEM(S) on a " + (target == null ? "None" : target.getClass().getSimpleName())
                        + ", not a dict");
            }
            return (Map<Object, Object>) map;
        }

        private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
            if (pairs.size() % 2 != 0) {
                throw new PickleException("a dict needs key/value pairs, not " + pairs.size() + " items");
            }
            for (int i = 0; i < pairs.size(); i += 2) {
                dict.put(pairs.get(i), pairs.get(i + 1));
            }
        }

        private static String utf8(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
