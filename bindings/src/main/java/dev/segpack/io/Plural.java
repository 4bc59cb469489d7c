package dev.segpack.io;

/** Counts in words for summary lines: "1 image", "2 images", "1 category", "0 categories". */
public final class Plural {

    private Plural() {
    }

    /** {@code n} and {@code singular}, made plural unless n is 1 (an English noun's regular plural). */
    public static String of(long n, String singular) {
        if (n == 1) {
            return n + " " + singular;
        }
        boolean consonantY = singular.endsWith("y") && singular.length() > 1
                && "aeiou".indexOf(singular.charAt(singular.length() - 2)) < 0;
        return n + " " + (consonantY ? singular.substring(0, singular.length() - 1) + "ies" : singular + "s");
    }
}
