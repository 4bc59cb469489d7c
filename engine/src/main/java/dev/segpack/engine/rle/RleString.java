package dev.segpack.engine.rle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The compressed COCO counts string (maskApi.c {@code rleToString}/{@code rleFrString}): each value
 * is written in 5-bit groups, least significant first, as chars '0'..'o'; 0x20 marks "more follows"
 * and 0x10 in the last group is the sign. From the fourth run on, a value is stored as the
 * difference to the run two before it.
 *
 * <p>Decoding is strict where pycocotools is not: a char outside '0'..'o', a string ending inside a
 * value, a value wider than 7 chars, or a run outside 0..2³²−1 is refused with its position.
 */
public final class RleString {

    private static final int FIRST = '0';
    /** A uint32 delta (−(2³²−1)..2³²−1) fits in 34 bits: 7 groups of 5. */
    private static final int MAX_CHARS_PER_VALUE = 7;
    /** Each thread's room for the runs of the string it decodes, grown up to KEPT_SCRATCH ints. */
    private static final ThreadLocal<int[]> SCRATCH = ThreadLocal.withInitial(() -> new int[1024]);
    /** The longest String (and array) the JVM makes. */
    private static final int MAX_STRING = Integer.MAX_VALUE - 8;
    /** Each thread's room for the counts string it encodes, grown up to KEPT_SCRATCH bytes. */
    private static final ThreadLocal<byte[]> ENCODE_SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);
    /** Longer strings are decoded (encoded) in a scratch of their own, so that one huge mask is not kept per thread. */
    private static final int KEPT_SCRATCH = 1 << 16;

    private RleString() {
    }

    /** The counts string of {@code rle}, sized dynamically (pycocotools overruns its buffer for runs ≥ 2²⁴). */
    public static String encode(Rle rle) {
        int[] cnts = rle.countsView();
        long room = maxEncodedLength(cnts.length);
        byte[] out = ENCODE_SCRATCH.get();
        if (out.length < room) {
            // a mask of more runs than a kept scratch holds is encoded into one of its own (a String
            // holds at most MAX_STRING chars: beyond, encodeTo throws)
            out = new byte[(int) Math.min(room, MAX_STRING)];
            if (room <= KEPT_SCRATCH) {
                ENCODE_SCRATCH.set(out);
            }
        }
        return new String(out, 0, encodeTo(rle, out, 0), StandardCharsets.ISO_8859_1);
    }

    /** The most chars the counts string of {@code runs} runs can take: 7 a run. */
    public static long maxEncodedLength(int runs) {
        return (long) runs * MAX_CHARS_PER_VALUE;
    }

    /**
     * Writes the counts string of {@code rle} into {@code into} from index {@code at}, one byte a char
     * (Latin-1, as {@link #encode} gives it); returns the index after the last byte written. Throws
     * IndexOutOfBoundsException where the string does not fit; {@link #maxEncodedLength} bytes from
     * {@code at} always hold it.
     */
    public static int encodeTo(Rle rle, byte[] into, int at) {
        return encodeTo(rle, into, at, false);
    }

    /**
     * Writes the counts string of {@code rle} as the inside of a JSON string literal holds it: as
     * {@link #encodeTo(Rle, byte[], int)} does, with each backslash (the only char of '0'..'o' a JSON
     * string escapes) written twice, which twice {@link #maxEncodedLength} bytes always hold.
     */
    public static int encodeEscapedTo(Rle rle, byte[] into, int at) {
        return encodeTo(rle, into, at, true);
    }

    private static int encodeTo(Rle rle, byte[] into, int at, boolean escaped) {
        int[] cnts = rle.countsView();
        Objects.checkFromIndexSize(at, 0, into.length);
        int p = at;
        for (int i = 0; i < cnts.length; i++) {
            long x = Integer.toUnsignedLong(cnts[i]);
            if (i > 2) {
                x -= Integer.toUnsignedLong(cnts[i - 2]);
            }
            for (;;) {
                // more chars follow unless the bits above this char's 4 value bits are all its sign:
                // said without a branch on the sign, which is a coin toss for the deltas of a mask
                long above = x >> 4;
                boolean more = above != 0 & above != -1;
                int c = (int) (x & 0x1f) | (more ? 0x20 : 0);
                into[p++] = (byte) (c + FIRST);
                if (escaped && c + FIRST == '\\') {
                    into[p++] = '\\';
                }
                if (!more) {
                    break;
                }
                x >>= 5;
            }
        }
        return p;
    }

    /** The Rle of an h×w mask whose counts string is {@code s}. */
    public static Rle decode(int h, int w, CharSequence s) {
        return Rle.of(h, w, decodeCounts(s));
    }

    /**
     * The Rle of an h×w mask whose counts string is the bytes [from, to) of {@code latin1}, one char
     * a byte (as a file holds it), read in place.
     */
    public static Rle decode(int h, int w, byte[] latin1, int from, int to) {
        Objects.checkFromToIndex(from, to, latin1.length);
        return decode(h, w, new Latin1Slice(latin1, from, to - from));
    }

    /**
     * The runs a counts string holds, checked for syntax only (not against a size), in an array of
     * exactly their number. Decoded in one pass into this thread's scratch (a run takes a char or more,
     * so as many ints as chars hold them all), then copied out (counting the values first was a second
     * pass over every char).
     */
    public static int[] decodeCounts(CharSequence s) {
        int[] scratch = SCRATCH.get();
        if (scratch.length < s.length()) {
            scratch = new int[s.length()];
            if (s.length() <= KEPT_SCRATCH) {
                SCRATCH.set(scratch);
            }
        }
        return Arrays.copyOf(scratch, decodeCounts(s, scratch));
    }

    /**
     * The runs of the counts string in the bytes [from, to) of {@code latin1}, decoded into
     * {@code into} (at least {@code to − from} long: a run takes a char or more); returns how many.
     * Checked as {@link #decodeCounts(CharSequence)} checks them.
     */
    public static int decodeCounts(byte[] latin1, int from, int to, int[] into) {
        Objects.checkFromToIndex(from, to, latin1.length);
        if (into.length < to - from) {
            throw new IllegalArgumentException("room for " + into.length + " runs, not the " + (to - from)
                    + " that " + (to - from) + " chars may hold");
        }
        return decodeCounts(new Latin1Slice(latin1, from, to - from), into);
    }

    /** Decodes {@code s} into {@code cnts}, which has room for each of its runs; returns their number. */
    private static int decodeCounts(CharSequence s, int[] cnts) {
        int n = s.length();
        int m = 0;
        int p = 0;
        while (p < n) {
            int start = p;
            // a value's first char outside the inner loop: most values are one char, and then nothing is checked twice
            int c = digit(s, p++);
            long x = c & 0x1f;
            int k = 1;
            while ((c & 0x20) != 0) {
                if (p == n) {
                    throw new MalformedRleException("counts string ends inside the value that starts at char "
                            + start + " (run " + m + ")");
                }
                if (k == MAX_CHARS_PER_VALUE) {
                    throw new MalformedRleException("value at char " + start + " (run " + m
                            + ") is longer than " + MAX_CHARS_PER_VALUE + " chars");
                }
                c = digit(s, p++);
                x |= (long) (c & 0x1f) << (5 * k);
                k++;
            }
            if ((c & 0x10) != 0) {
                x |= -1L << (5 * k);
            }
            if (m > 2) {
                x += Integer.toUnsignedLong(cnts[m - 2]);
            }
            if (x < 0 || x > 0xFFFF_FFFFL) {
                throw new MalformedRleException("run " + m + " (chars " + start + ".." + (p - 1) + ") is " + x
                        + ", outside 0..2^32-1");
            }
            cnts[m++] = (int) x;
        }
        return m;
    }

    /** Bytes read as Latin-1 chars, without a copy. */
    private record Latin1Slice(byte[] bytes, int start, int length) implements CharSequence {

        @Override
        public char charAt(int index) {
            return (char) (bytes[start + index] & 0xff);
        }

        @Override
        public CharSequence subSequence(int from, int to) {
            return new Latin1Slice(bytes, start + from, to - from);
        }

        @Override
        public String toString() {
            return new String(bytes, start, length, StandardCharsets.ISO_8859_1);
        }
    }

    /** The 6-bit value of char p of {@code s}, refused outside '0'..'o' (the 64 chars from FIRST). */
    private static int digit(CharSequence s, int p) {
        char ch = s.charAt(p);
        int c = ch - FIRST;
        if ((c >>> 6) != 0) {
            throw new MalformedRleException("counts string has " + describe(ch) + " at char " + p
                    + "; only '0'..'o' are allowed");
        }
        return c;
    }

    private static String describe(char ch) {
        return ch >= 32 && ch < 127 ? "'" + ch + "'" : String.format("char U+%04X", (int) ch);
    }
}
