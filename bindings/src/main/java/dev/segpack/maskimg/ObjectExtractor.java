package dev.segpack.maskimg;

import dev.segpack.engine.geometry.ChainApprox;
import dev.segpack.engine.geometry.ComponentLabeller;
import dev.segpack.engine.geometry.ContourFinder;
import dev.segpack.engine.geometry.ContourSet;
import dev.segpack.engine.geometry.Components;
import dev.segpack.engine.geometry.RetrievalMode;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a decoded mask into objects: a binary mask is one object, or with {@code instances} one per
 * 8-connected component; a map of category entries is one object per entry present, or with
 * {@code instances} one per 8-connected component of one entry. Objects come in raster order of
 * their first pixel (per entry in entry order without {@code instances}). Empty masks give none.
 *
 * <p>Contours (when asked for) are found with RETR_CCOMP, which on a mask without holes gives exactly
 * RETR_EXTERNAL's contours and otherwise reveals the holes, in one pass. Component objects are cut to
 * their box before contour finding and encoding, so the work is proportional to the object, not the
 * image; the entries of a map are encoded together in one pass over it, and cut to their box only
 * for contour finding. Reusable, not thread-safe.
 */
public final class ObjectExtractor {

    private final ComponentLabeller labeller = new ComponentLabeller();
    private final ContourFinder finder = new ContourFinder();

    List<ExtractedObject> binary(Mask mask, int label, boolean instances, boolean contours, Arena arena) {
        List<ExtractedObject> out = new ArrayList<>();
        if (!instances) {
            Rle rle = MaskApi.encode(mask);
            if (MaskApi.area(rle) > 0) {
                out.add(object(label, rle, mask, 0, 0, contours));
            }
            return out;
        }
        Components components = labeller.label(mask);
        for (int c = 1; c <= components.count(); c++) {
            out.add(placed(label, components, c, mask.h(), mask.w(), contours, arena));
        }
        return out;
    }

    /** Objects of a map of entry + 1 per pixel (0 = background); labels are entry indices. */
    public List<ExtractedObject> entries(LabelMap map, int entryCount, boolean instances, boolean contours, Arena arena) {
        List<ExtractedObject> out = new ArrayList<>();
        if (instances) {
            Components components = labeller.label(map);
            for (int c = 1; c <= components.count(); c++) {
                out.add(placed(components.value(c) - 1, components, c, map.h(), map.w(), contours, arena));
            }
            return out;
        }
        for (Map.Entry<Integer, Rle> entry : MaskApi.encodeLabels(map).entrySet()) {
            int e = entry.getKey();
            Rle rle = entry.getValue();
            Bbox box = MaskApi.toBbox(rle);
            int x0 = (int) box.x(), y0 = (int) box.y();
            Mask crop = contours ? cut(map, e, x0, y0, (int) box.w(), (int) box.h(), arena) : null;
            out.add(object(e - 1, rle, crop, x0, y0, contours));
        }
        return out;
    }

    private ExtractedObject placed(int label, Components components, int c, int h, int w, boolean contours,
                                   Arena arena) {
        Mask crop = components.crop(c, arena);
        int x0 = components.x(c), y0 = components.y(c);
        return object(label, MaskApi.encode(crop, x0, y0, h, w), crop, x0, y0, contours);
    }

    /** The object of {@code pixels} (the whole mask, or a cut-out at x0, y0) with its contours if asked. */
    private ExtractedObject object(int label, Rle rle, Mask pixels, int x0, int y0, boolean contours) {
        if (!contours) {
            return new ExtractedObject(label, rle, null, false);
        }
        ContourSet set = finder.find(pixels, RetrievalMode.CCOMP, ChainApprox.SIMPLE);
        boolean hole = false;
        List<int[]> outer = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            if (set.parent(i) >= 0) {
                hole = true;
                continue;
            }
            int[] xy = set.points(i);
            for (int k = 0; k < xy.length; k += 2) {
                xy[k] += x0;
                xy[k + 1] += y0;
            }
            outer.add(xy);
        }
        return new ExtractedObject(label, rle, outer, hole);
    }

    /** The pixels equal to {@code entry} in the w×h box at (x0, y0), as a row-major mask. */
    private static Mask cut(LabelMap map, int entry, int x0, int y0, int w, int h, Arena arena) {
        Mask out = Mask.allocate(arena, h, w, Order.ROW_MAJOR);
        MemorySegment data = out.data();
        byte[] row = new byte[w];
        for (int y = 0; y < h; y++) {
            long from = (long) (y0 + y) * map.w() + x0;
            Arrays.fill(row, (byte) 0);
            for (int x = 0; x < w; x++) {
                if (map.getFlat(from + x) == entry) {
                    row[x] = 1;
                }
            }
            MemorySegment.copy(row, 0, data, ValueLayout.JAVA_BYTE, (long) y * w, w);
        }
        return out;
    }
}
