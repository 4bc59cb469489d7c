package dev.segpack.coco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A COCO annotation file loaded into a compact, column-wise index with the lookups of pycocotools'
 * {@code COCO} class (imgToAnns, catToImgs, getAnnIds/getImgIds/getCatIds, annToRLE, annToMask).
 *
 * <p>Annotations are held as primitive columns; their segmentations and keypoints are not parsed at
 * load time but read back from the file by offset when asked for, so loading costs one streaming pass
 * and memory stays a small multiple of the annotation count, not of the file size.
 */
public final class CocoIndex implements AutoCloseable {

    private final Path path;
    private final FileChannel file;
    final Images images = new Images();
    final Categories categories = new Categories();
    final Annotations anns = new Annotations();
    private final Map<Long, Integer> imageIndex = new HashMap<>();
    private final Map<Long, Integer> annIndex = new HashMap<>();
    private int[][] imgToAnns;
    private Map<Integer, long[]> catToImgs;

    private CocoIndex(Path path, FileChannel file) {
        this.path = path;
        this.file = file;
    }

    /** Loads {@code path}; the index keeps the file open to read segmentations on demand. */
    public static CocoIndex load(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        CocoIndex index = new CocoIndex(path, ch);
        try (JsonParser p = JsonSource.FACTORY.createParser(
                new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            index.read(p);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            ch.close();
            throw new CocoFormatException(path + ": not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        index.buildLookups();
        return index;
    }

    private void read(JsonParser p) throws IOException {
        CocoStructure.expectTopObject(p, path);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_ARRAY && key.equals("images")) {
                for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                    images.read(p, path, i);
                }
            } else if (v == JsonToken.START_ARRAY && key.equals("annotations")) {
                for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                    anns.read(p, path, i);
                }
            } else if (v == JsonToken.START_ARRAY && key.equals("categories")) {
                for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                    categories.read(p, path, i);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private void buildLookups() {
        for (int i = 0; i < images.count; i++) {
            imageIndex.put(images.id[i], i);
        }
        int[] perImage = new int[images.count];
        for (int a = 0; a < anns.count; a++) {
            annIndex.put(anns.id[a], a);
            Integer img = imageIndex.get(anns.imageId[a]);
            if (img != null) {
                perImage[img]++;
            }
        }
        imgToAnns = new int[images.count][];
        for (int i = 0; i < images.count; i++) {
            imgToAnns[i] = new int[perImage[i]];
            perImage[i] = 0;
        }
        Map<Integer, List<Long>> cats = new HashMap<>();
        for (int a = 0; a < anns.count; a++) {
            Integer img = imageIndex.get(anns.imageId[a]);
            if (img != null) {
                imgToAnns[img][perImage[img]++] = a;
            }
            cats.computeIfAbsent(anns.categoryId[a], c -> new ArrayList<>()).add(anns.imageId[a]);
        }
        catToImgs = new HashMap<>();
        cats.forEach((c, ids) -> catToImgs.put(c, ids.stream().mapToLong(Long::longValue).toArray()));
    }

    public Path path() {
        return path;
    }

    public int imageCount() {
        return images.count;
    }

    public int annotationCount() {
        return anns.count;
    }

    public int categoryCount() {
        return categories.count;
    }

    /** Position of image {@code id} in the images table, or −1. */
    public int imageIndex(long id) {
        return imageIndex.getOrDefault(id, -1);
    }

    /** Position of annotation {@code id} in the annotations list, or −1. */
    public int annotationIndex(long id) {
        return annIndex.getOrDefault(id, -1);
    }

    public long imageId(int i) {
        return images.id[i];
    }

    public int imageHeight(int i) {
        return images.height[i];
    }

    public int imageWidth(int i) {
        return images.width[i];
    }

    public String imageFileName(int i) {
        return images.fileName[i];
    }

    public long annotationId(int a) {
        return anns.id[a];
    }

    public long annotationImageId(int a) {
        return anns.imageId[a];
    }

    public int annotationCategoryId(int a) {
        return anns.categoryId[a];
    }

    public boolean annotationIsCrowd(int a) {
        return anns.iscrowd[a];
    }

    public double annotationArea(int a) {
        return anns.area[a];
    }

    public Bbox annotationBbox(int a) {
        return new Bbox(anns.bbox[4 * a], anns.bbox[4 * a + 1], anns.bbox[4 * a + 2], anns.bbox[4 * a + 3]);
    }

    /** num_keypoints, or 0 when the annotation has none. */
    public int annotationNumKeypoints(int a) {
        return anns.numKeypoints[a];
    }

    public int categoryId(int c) {
        return categories.id[c];
    }

    public String categoryName(int c) {
        return categories.name[c];
    }

    public String categorySupercategory(int c) {
        return categories.supercategory[c];
    }

    /** imgToAnns: positions of the image's annotations, in file order (empty if it has none). */
    public int[] imageAnnotations(long imageId) {
        int i = imageIndex(imageId);
        return i < 0 ? new int[0] : imgToAnns[i].clone();
    }

    /** catToImgs: the image id of every annotation of the category, duplicates included, in file order. */
    public long[] categoryImages(int categoryId) {
        long[] ids = catToImgs.get(categoryId);
        return ids == null ? new long[0] : ids.clone();
    }

    /**
     * getAnnIds: ids of annotations on {@code imgIds} (all if empty; in the given image order), of
     * {@code catIds} (any if empty), with area strictly inside {@code areaRng} (if given), and, when
     * {@code iscrowd} is not null, that crowd flag.
     */
    public long[] getAnnIds(long[] imgIds, int[] catIds, double[] areaRng, Boolean iscrowd) {
        List<Integer> candidates = new ArrayList<>();
        if (imgIds.length == 0) {
            for (int a = 0; a < anns.count; a++) {
                candidates.add(a);
            }
        } else {
            for (long img : imgIds) {
                int i = imageIndex(img);
                if (i >= 0) {
                    for (int a : imgToAnns[i]) {
                        candidates.add(a);
                    }
                }
            }
        }
        return candidates.stream().mapToInt(Integer::intValue)
                .filter(a -> catIds.length == 0 || contains(catIds, anns.categoryId[a]))
                .filter(a -> areaRng.length == 0 || (anns.area[a] > areaRng[0] && anns.area[a] < areaRng[1]))
                .filter(a -> iscrowd == null || anns.iscrowd[a] == iscrowd)
                .mapToLong(a -> anns.id[a]).toArray();
    }

    /**
     * getImgIds: with no filter every image id in file order; otherwise the ids among {@code imgIds}
     * (all if empty) that have an annotation of every category in {@code catIds}, ascending
     * (pycocotools returns them in set order).
     */
    public long[] getImgIds(long[] imgIds, int[] catIds) {
        if (imgIds.length == 0 && catIds.length == 0) {
            return Arrays.copyOf(images.id, images.count);
        }
        TreeSet<Long> ids = new TreeSet<>();
        for (long id : imgIds) {
            ids.add(id);
        }
        for (int i = 0; i < catIds.length; i++) {
            TreeSet<Long> ofCat = new TreeSet<>();
            for (long id : categoryImages(catIds[i])) {
                ofCat.add(id);
            }
            if (i == 0 && ids.isEmpty()) {
                ids = ofCat;
            } else {
                ids.retainAll(ofCat);
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** getCatIds: ids of categories matching every non-empty filter, in file order. */
    public int[] getCatIds(List<String> catNms, List<String> supNms, int[] catIds) {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < categories.count; c++) {
            if ((catNms.isEmpty() || catNms.contains(categories.name[c]))
                    && (supNms.isEmpty() || supNms.contains(categories.supercategory[c]))
                    && (catIds.length == 0 || contains(catIds, categories.id[c]))) {
                out.add(categories.id[c]);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean contains(int[] values, int v) {
        for (int x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** The annotation's segmentation, read from the file. */
    public Segmentation segmentation(int a) {
        if (anns.segStart[a] < 0) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + " has no segmentation");
        }
        try (JsonParser p = parserAt(anns.segStart[a], anns.segEnd[a])) {
            p.nextToken();
            return Segmentation.parse(p);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /** The annotation's keypoints (x, y, v triples), read from the file; empty if it has none. */
    public double[] keypoints(int a) {
        if (anns.kpStart[a] < 0) {
            return new double[0];
        }
        try (JsonParser p = parserAt(anns.kpStart[a], anns.kpEnd[a])) {
            double[] out = new double[64];
            int n = 0;
            p.nextToken();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (!t.isNumeric()) {
                    throw new CocoFormatException(path + ": annotation " + describe(a) + ": keypoint value " + n
                            + " is " + Segmentation.describe(t) + ", not a number");
                }
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = p.getDoubleValue();
            }
            return Arrays.copyOf(out, n);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /** annToRLE: the annotation's mask on its image, as compressed-RLE semantics give it. */
    public Rle annToRle(int a) {
        int img = imageIndex(anns.imageId[a]);
        if (img < 0) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": image_id " + anns.imageId[a]
                    + " is not in the images table");
        }
        Segmentation seg = segmentation(a);
        try {
            return seg.toRle(images.height[img], images.width[img]);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /** annToMask: the annotation's mask decoded into {@code arena}, column-major as pycocotools gives it. */
    public Mask annToMask(int a, Arena arena) {
        return MaskApi.decode(annToRle(a), arena, Order.COLUMN_MAJOR);
    }

    private String describe(int a) {
        return "id " + anns.id[a] + " (#" + a + ")";
    }

    private JsonParser parserAt(long start, long end) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(end - start));
        while (buf.hasRemaining()) {
            if (file.read(buf, start + buf.position()) < 0) {
                throw new IOException("file ended at " + (start + buf.position()) + "; was it changed after loading?");
            }
        }
        return JsonSource.FACTORY.createParser(buf.array());
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
