package dev.segpack.image;

import java.util.Arrays;

/**
 * A length-limited canonical Huffman code over the symbols 0..n-1 of a deflate alphabet (RFC 1951 3.2.2), built
 * from symbol frequencies: {@link #lengths} per symbol (0 for unused ones) and {@link #codes}, bit-reversed for a
 * writer that fills bytes from their lowest bit. At least two symbols get a code, so that every code is complete.
 */
final class HuffmanCode {

    final int[] lengths;
    final int[] codes;

    private HuffmanCode(int[] lengths) {
        this.lengths = lengths;
        this.codes = canonical(lengths);
    }

    /** The code for {@code frequencies[0..n)} with no code longer than {@code maxBits}. */
    static HuffmanCode of(int[] frequencies, int n, int maxBits) {
        long[] keys = new long[n]; // frequency, then symbol: sorted, the leaves by ascending frequency
        int m = 0;
        for (int s = 0; s < n; s++) {
            if (frequencies[s] > 0) {
                keys[m++] = (long) frequencies[s] << 16 | s;
            }
        }
        for (int s = 0; m < 2; s++) { // a one-symbol code would be incomplete: a second symbol gets the other code
            if (frequencies[s] == 0) {
                keys[m++] = 1L << 16 | s;
            }
        }
        Arrays.sort(keys, 0, m);
        int[] leaves = new int[m];
        long[] weights = new long[m];
        for (int i = 0; i < m; i++) {
            leaves[i] = (int) (keys[i] & 0xFFFF);
            weights[i] = keys[i] >>> 16;
        }
        int[] countOfLength = depthCounts(weights);
        limit(countOfLength, maxBits);
        int[] lengths = new int[n];
        int leaf = m - 1; // the most frequent symbols get the shortest codes
        for (int length = 1; length < countOfLength.length; length++) {
            for (int k = 0; k < countOfLength[length]; k++) {
                lengths[leaves[leaf--]] = length;
            }
        }
        return new HuffmanCode(lengths);
    }

    /**
     * How many leaves of a Huffman tree over leaves of ascending weights are at each depth: leaves and merged
     * nodes taken cheapest first from two queues, the leaves and the nodes in the order they were made.
     */
    private static int[] depthCounts(long[] leafWeights) {
        int m = leafWeights.length;
        long[] weight = Arrays.copyOf(leafWeights, 2 * m - 1);
        int[] parent = new int[2 * m - 1];
        int nextLeaf = 0;
        int nextNode = m;
        for (int node = m; node < 2 * m - 1; node++) {
            for (int child = 0; child < 2; child++) {
                int pick = nextLeaf < m && (nextNode == node || weight[nextLeaf] <= weight[nextNode]) ? nextLeaf++ : nextNode++;
                parent[pick] = node;
                weight[node] += weight[pick];
            }
        }
        int[] depth = new int[2 * m - 1];
        int[] counts = new int[m + 1];
        for (int i = 2 * m - 3; i >= 0; i--) {
            depth[i] = depth[parent[i]] + 1;
            if (i < m) {
                counts[depth[i]]++;
            }
        }
        return counts;
    }

    /**
     * Moves leaves deeper than {@code maxBits} up, keeping the code complete: two sibling leaves at the deepest level
     * become one leaf a level up and one under a leaf from higher up, which itself goes down a level.
     */
    private static void limit(int[] countOfLength, int maxBits) {
        for (int length = countOfLength.length - 1; length > maxBits; length--) {
            while (countOfLength[length] > 0) {
                int j = length - 2;
                while (countOfLength[j] == 0) {
                    j--;
                }
                countOfLength[length] -= 2;
                countOfLength[length - 1]++;
                countOfLength[j + 1] += 2;
                countOfLength[j]--;
            }
        }
    }

    /** Canonical codes for code lengths (RFC 1951 3.2.2), each bit-reversed. */
    private static int[] canonical(int[] lengths) {
        int maxLength = Arrays.stream(lengths).max().orElse(0);
        int[] count = new int[maxLength + 1];
        for (int length : lengths) {
            count[length]++;
        }
        count[0] = 0;
        int[] next = new int[maxLength + 1];
        for (int bits = 1, code = 0; bits <= maxLength; bits++) {
            code = (code + count[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            if (lengths[s] > 0) {
                codes[s] = Integer.reverse(next[lengths[s]]++) >>> (32 - lengths[s]);
            }
        }
        return codes;
    }
}
