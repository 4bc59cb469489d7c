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
import java.util.ArrayList;
import java.util.Collection;
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
        Machine machine = new Machine(new CountingInput(in, size), arena);
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
            return new Normalizer(size).value(raw, 0);
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
        private final CountingInput in;
        private final PickleArrays arrays;
        private final PickleGlobals globals;

        Machine(CountingInput in, Arena arena) {
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

    /** The pickle's bytes, counted, so that a length can be checked against what is left before it is allocated. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final long size;
        private long position;
        private int first = -1;
        private boolean ended;

        CountingInput(InputStream in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b < 0) {
                ended = true;
                return b;
            }
            if (position++ == 0) {
                first = b;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n < 0) {
                ended = true;
                return n;
            }
            if (position == 0 && n > 0) {
                first = buffer[offset] & 0xff;
            }
            position += n;
            return n;
        }

        long uint32() throws IOException {
            byte[] b = bytes(4);
            return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
        }

        long int64() throws IOException {
            byte[] b = bytes(8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[i] & 0xffL);
            }
            return v;
        }

        /** {@code n} bytes, refused at once when the file does not have that many left. */
        byte[] bytes(long n) throws IOException {
            if (n < 0 || n > size - position) {
                ended = n >= 0 && position + n > size;
                throw new PickleException("a length of " + Long.toUnsignedString(n) + " bytes runs past the end of the file ("
                        + (size - position) + " bytes left)");
            }
            byte[] out = new byte[(int) n];
            for (int done = 0; done < n; ) {
                int got = read(out, done, (int) n - done);
                if (got < 0) {
                    throw new IOException("premature end of file");
                }
                done += got;
            }
            return out;
        }
    }

    /**
     * Pyrolite's values as this class documents them, with depth and size checked: a shared subtree is
     * visited once per reference, so a pickle that references a list of lists of the same list is
     * refused once the visits outnumber what the file could hold, as are reference cycles.
     */
    private static final class Normalizer {
        private long visitsLeft;

        Normalizer(long fileBytes) {
            this.visitsLeft = 16 * fileBytes + 1024;
        }

        Object value(Object raw, int depth) {
            if (depth > MAX_DEPTH) {
                throw new PickleException("containers nest more than " + MAX_DEPTH + " deep (or refer to themselves)");
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
}
