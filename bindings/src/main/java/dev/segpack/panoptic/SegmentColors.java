package dev.segpack.panoptic;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Segment ids (colours) for one image, deterministic where panopticapi's IdGenerator draws from the
 * global numpy random state. The rule:
 * <ul>
 * <li>The first segment of a category in the image gets the category colour (stuff and things alike).</li>
 * <li>Every later segment of that category, or a first one whose colour is taken, gets a variant: colour
 *     offsets drawn uniformly in −30..30 per channel, clipped to 0..255 (IdGenerator's distribution),
 *     from a {@link SplittableRandom} seeded with {@link #seed(long, int)} of the image id and category
 *     id, redrawn while taken; after {@value #DRAWS} taken draws, the next free id above the category
 *     colour's id (wrapping past 2²⁴−1 to 1).</li>
 * <li>Ids are unique within the image and never 0 (void). A category without a colour starts from black
 *     (id 0, which is never used itself, so its first segment gets a variant).</li>
 * </ul>
 * Unlike IdGenerator, a second stuff segment of a category gets its own id instead of sharing the
 * first one's (which would merge the two in the PNG).
 */
final class SegmentColors {

    static final int DRAWS = 1000;
    private static final int SPREAD = 30;

    private final long imageId;
    private final Set<Integer> taken = new HashSet<>();
    private final Map<Integer, SplittableRandom> variants = new HashMap<>();

    SegmentColors(long imageId) {
        this.imageId = imageId;
        taken.add(0);
    }

    /** The id of the next segment of category {@code categoryId} whose colour is {@code color} (null: none). */
    int next(int categoryId, int[] color) {
        int[] base = color != null ? color : new int[3];
        int baseId = PanopticPng.rgbToId(base[0], base[1], base[2]);
        if (taken.add(baseId)) {
            return baseId;
        }
        SplittableRandom random = variants.computeIfAbsent(categoryId, c -> new SplittableRandom(seed(imageId, c)));
        for (int draw = 0; draw < DRAWS; draw++) {
            int id = PanopticPng.rgbToId(jitter(base[0], random), jitter(base[1], random), jitter(base[2], random));
            if (taken.add(id)) {
                return id;
            }
        }
        for (int step = 1; step <= PanopticPng.MAX_ID; step++) {
            int id = (baseId + step - 1) % PanopticPng.MAX_ID + 1;
            if (taken.add(id)) {
                return id;
            }
        }
        throw new IllegalStateException("image " + imageId + " has more than " + PanopticPng.MAX_ID + " segments");
    }

    /** The seed of category {@code categoryId}'s variants in image {@code imageId}. */
    static long seed(long imageId, int categoryId) {
        return imageId * 0x9E37_79B9_7F4A_7C15L + categoryId;
    }

    private static int jitter(int value, SplittableRandom random) {
        return Math.clamp(value + random.nextInt(-SPREAD, SPREAD + 1), 0, 255);
    }
}
