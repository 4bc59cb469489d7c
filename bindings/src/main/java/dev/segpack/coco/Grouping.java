package dev.segpack.coco;

import java.util.Arrays;

/**
 * Positions 0…n−1 grouped by a group number each, keeping their order: the lists pycocotools keeps
 * per image and per category (imgToAnns, catToImgs), as two flat arrays instead of a list per group.
 */
final class Grouping {

    /** Group g's members are {@code members[start[g] .. start[g+1])}. */
    private final int[] start;
    private final int[] members;

    private Grouping(int[] start, int[] members) {
        this.start = start;
        this.members = members;
    }

    /** Groups position p into {@code groupOf[p]} (one of 0…groups−1; −1 leaves it out). */
    static Grouping of(int[] groupOf, int groups) {
        int[] start = new int[groups + 1];
        for (int g : groupOf) {
            if (g >= 0) {
                start[g + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            start[g + 1] += start[g];
        }
        int[] members = new int[start[groups]];
        int[] next = Arrays.copyOf(start, groups);
        for (int p = 0; p < groupOf.length; p++) {
            int g = groupOf[p];
            if (g >= 0) {
                members[next[g]++] = p;
            }
        }
        return new Grouping(start, members);
    }

    /** The members of group {@code g}, in order. */
    int[] members(int g) {
        return Arrays.copyOfRange(members, start[g], start[g + 1]);
    }

    int size(int g) {
        return start[g + 1] - start[g];
    }

    /** The k-th member of group {@code g}. */
    int member(int g, int k) {
        return members[start[g] + k];
    }
}
