package dev.segpack.coco;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.mask.PixelLimit;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.io.Json;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;

/**
 * A COCO annotation file loaded into a compact, column-wise index with the lookups of pycocotools'
 * {@code COCO} class (imgToAnns, catToImgs, getAnnIds/getImgIds/getCatIds, annToRLE, annToMask): the
 * one reader of COCO JSON files, which every command that reads one builds on.
 *
 * <p>Loading is one pass of {@link JsonScanner} over the file's bytes, read in chunks. Annotations are
 * held as primitive columns; their segmentations and keypoints, most of a COCO file's bytes, are only
 * skipped at load time (checked for brackets and strings) and read back from the file by offset, parsed
 * and checked in full, when asked for. Memory stays a small multiple of the annotation count, not of
 * the file size, and lookups are primitive maps (no boxed ids).
 *
 * <p>The index also says where everything is in the file: each top-level member's value
 * ({@link #members()}) and each image, annotation and category object ({@link #annotationJson} …),
 * so that a consumer that needs more than the columns (a rewriter, another data model) reads and
 * parses just those bytes, when it needs them, instead of the file a second time.
 */
public final class CocoIndex implements AutoCloseable {

    /** What a load requires of each item, beyond valid JSON and tables that are lists of objects. */
    public enum Required {
        /**
         * What pycocotools' COCO() needs: images with an integer id, height and width; annotations
         * with an integer id and image_id and a bbox of at most 4 numbers; categories with an integer id.
         */
        COCO_API,
        /**
         * Only the ids that tie the tables together (images' id, annotations' image_id, categories'
         * id); the other fields are the consumer's to check, from the items' bytes.
         */
        IDS
    }

    /** A top-level member: its name and where its value is, the bytes [start, end) of the file. */
    public record Member(String name, long start, long end) {
    }

    /**
     * Told, on the loading thread, of each annotation as it is indexed: {@code count} annotations of
     * the table being read are, and what the index holds of them, of the tables before and of the
     * top-level members before can be asked for ({@link #imagesRead}, {@link #members}); the load is
     * still under way, so what it finds later may change them (a table or member repeated).
     */
    @FunctionalInterface
    interface AnnotationsIndexed {
        void indexed(CocoIndex index, int count);
    }

    /** Bytes the loader reads at a time. */
    private static final int CHUNK = 1 << 20;
    /** Bytes buffered ahead of each item, more than nearly every COCO item has (see {@link JsonScanner#readAhead}). */
    private static final int READ_AHEAD = 1 << 16;
    private static final JsonKeys TOP_KEYS = new JsonKeys("images", "annotations", "categories", "info", "licenses");
    private static final int IMAGES = 0, ANNOTATIONS = 1, CATEGORIES = 2;
    private static final String[] TABLES = {"images", "annotations", "categories"};
    private static final String[] ITEMS = {"image", "annotation", "category"};

    private final Path path;
    private final IndexedFile file;
    private final Required required;
    final Images images = new Images();
    final Categories categories = new Categories();
    final Annotations anns = new Annotations();
    /** Where each image, annotation and category object is, by table. */
    private final Spans[] spans = {new Spans(), new Spans(), new Spans()};
    private final List<Member> members = new ArrayList<>();
    /**
     * The images table read last, by id: made when it has been read, so that annotations read after it
     * are looked up (null until then; an empty map after a load of a file without one).
     */
    private Long2IntOpenHashMap imageIndex;
    private final AnnotationsIndexed annotationsIndexed;
    /** The lookups by id, image and category, made when first asked for (coco rle reads the columns only). */
    private Lookups lookups;

    /**
     * annIndex; imgToAnns, as annotation positions by image position; catToImgs, as annotation
     * positions by category slot (catSlots: each category_id met, numbered in order met), whose image
     * ids are the list.
     */
    private record Lookups(Long2IntOpenHashMap annIndex, Grouping imgToAnns, Int2IntOpenHashMap catSlots,
            Grouping catToAnns) {
    }

    private CocoIndex(Path path, FileChannel file, Required required, AnnotationsIndexed annotationsIndexed) {
        this.path = path;
        this.file = new IndexedFile(path, file);
        this.required = required;
        this.annotationsIndexed = annotationsIndexed;
    }

    /** Loads {@code path} as pycocotools would; the index keeps the file open to read values on demand. */
    public static CocoIndex load(Path path) throws IOException {
        return load(path, Required.COCO_API, CHUNK);
    }

    /** Loads {@code path} requiring {@code required} of its items. */
    public static CocoIndex load(Path path, Required required) throws IOException {
        return load(path, required, CHUNK);
    }

    /**
     * Loads {@code path} requiring {@code required} of its items, except that an annotation failing a
     * requirement is kept, with {@link #annotationProblem} saying why, instead of failing the load
     * (for a consumer that skips invalid annotations).
     */
    public static CocoIndex loadKeepingInvalidAnnotations(Path path, Required required) throws IOException {
        return load(path, required, CHUNK, true);
    }

    /** Loads {@code path} reading {@code chunk} bytes at a time (tests use tiny chunks to cut every token). */
    static CocoIndex load(Path path, int chunk) throws IOException {
        return load(path, Required.COCO_API, chunk);
    }

    private static CocoIndex load(Path path, Required required, int chunk) throws IOException {
        return load(path, required, chunk, false);
    }

    private static CocoIndex load(Path path, Required required, int chunk, boolean keepInvalid) throws IOException {
        return load(path, required, chunk, keepInvalid, (index, count) -> { });
    }

    /**
     * Loads {@code path} for a rewriter (coco rle), as {@link #loadKeepingInvalidAnnotations} does when
     * {@code keepInvalid}, else as {@link #load(Path, Required)}, telling {@code indexed} of each
     * annotation as it is indexed. A rewriter reads each annotation again from the file, so the index
     * checks every value as a load does but keeps only what finds and places an annotation (its id,
     * image id, iscrowd and bytes): {@link #annotationArea}, {@link #annotationBbox},
     * {@link #annotationCategoryId}, {@link #annotationNumKeypoints}, {@link #segmentation} and
     * {@link #keypoints} refuse. Areas are not even converted: the 17-digit areas of COCO files take the
     * exact parser, 12 % of the indexing time.
     */
    static CocoIndex loadForRewrite(Path path, Required required, boolean keepInvalid, AnnotationsIndexed indexed)
            throws IOException {
        return load(path, required, CHUNK, keepInvalid, indexed, false);
    }

    private static CocoIndex load(Path path, Required required, int chunk, boolean keepInvalid, AnnotationsIndexed indexed)
            throws IOException {
        return load(path, required, chunk, keepInvalid, indexed, true);
    }

    private static CocoIndex load(Path path, Required required, int chunk, boolean keepInvalid, AnnotationsIndexed indexed,
            boolean queried) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            CocoIndex index = new CocoIndex(path, ch, required, indexed);
            index.anns.keepInvalid = keepInvalid;
            index.anns.queried = queried;
            index.read(new JsonScanner(ch, 0, chunk));
            if (index.imageIndex == null) {
                index.imageIndex = positions(i -> index.images.id[i], 0);
            }
            return index;
        } catch (JsonInputException e) {
            CocoFormatException error = e.toCocoFormatException(path, ch);
            ch.close();
            throw error;
        } catch (UncheckedIOException e) {
            ch.close();
            throw new IOException(path + ": " + e.getMessage(), e.getCause());
        } catch (RuntimeException | Error e) {
            ch.close();
            throw e;
        }
    }

    private void read(JsonScanner s) {
        int first = s.peek();
        if (first != '{') {
            throw new CocoFormatException(path + ": not a COCO file (" + (first == 0xEF
                    ? "it starts with a UTF-8 byte order mark, which JSON does not allow"
                    : "the top level is not a JSON object") + ")");
        }
        if (s.enterObject()) {
            do {
                String name = s.memberName();
                int key = TOP_KEYS.match(name);
                long start = s.valueOffset();
                if (key < 0 || key >= TABLES.length) {
                    s.skipValue();
                } else {
                    readTable(s, key);
                }
                if (key == IMAGES) {
                    imageIndex = positions(i -> images.id[i], images.count);
                }
                members.add(new Member(name, start, s.offset()));
            } while (s.nextMember());
        }
        s.expectEnd();
    }

    private void readTable(JsonScanner s, int key) {
        if (s.peek() != '[') {
            throw new CocoFormatException(path + ": \"" + TABLES[key] + "\" is " + s.valueKind() + ", not a list");
        }
        // a repeated key replaces the earlier table, as it does in the dict json.load gives
        switch (key) {
            case IMAGES -> images.count = 0;
            case ANNOTATIONS -> anns.count = 0;
            default -> categories.count = 0;
        }
        spans[key].count = 0;
        if (!s.enterArray()) {
            return;
        }
        int i = 0;
        do {
            readItem(s, key, i++);
        } while (s.nextElement());
    }

    /**
     * Reads item #i of table {@code key}. A method of its own, called per item, so that the JIT compiles
     * it after a few hundred items; as the body of readTable's loop (readTable is called once a table)
     * it ran interpreted until compiled on-stack, tens of thousands of items later.
     */
    private void readItem(JsonScanner s, int key, int i) {
        s.readAhead(READ_AHEAD);
        if (s.peek() != '{') {
            throw new CocoFormatException(path + ": " + ITEMS[key] + " #" + i + " is " + s.valueKind()
                    + ", not an object");
        }
        long start = s.valueOffset();
        switch (key) {
            case IMAGES -> images.read(s, path, i, required);
            case ANNOTATIONS -> anns.read(s, path, i, required);
            default -> categories.read(s, path, i);
        }
        spans[key].add(start, s.offset());
        if (key == ANNOTATIONS) {
            annotationsIndexed.indexed(this, i + 1);
        }
    }

    private synchronized Lookups lookups() {
        if (lookups == null) {
            lookups = buildLookups();
        }
        return lookups;
    }

    private Lookups buildLookups() {
        int[] group = new int[anns.count];
        imagesOfAnnotations(group);
        Grouping imgToAnns = Grouping.of(group, images.count);
        Int2IntOpenHashMap catSlots = new Int2IntOpenHashMap(Math.max(categories.count, 16));
        catSlots.defaultReturnValue(-1);
        Grouping catToAnns = Grouping.of(group, categorySlots(catSlots, group));
        return new Lookups(positions(this::annotationId, anns.count), imgToAnns, catSlots, catToAnns);
    }

    /** ids 0 … n−1 → their positions (a repeated id: its last position, as a Python dict keeps it); −1 for others. */
    private static Long2IntOpenHashMap positions(IntToLongFunction ids, int n) {
        Long2IntOpenHashMap map = new Long2IntOpenHashMap(n);
        map.defaultReturnValue(-1);
        for (int i = 0; i < n; i++) {
            map.put(ids.applyAsLong(i), i);
        }
        return map;
    }

    /** Each annotation's image position, or −1 if its image_id is not in the images table (or it has none). */
    private void imagesOfAnnotations(int[] out) {
        for (int a = 0; a < anns.count; a++) {
            out[a] = anns.problem(a) != null ? -1 : imageIndex.get(annotationImageId(a));
        }
    }

    /** Numbers each category_id met in the annotations, in order met, into {@code catSlots}; their count. */
    private int categorySlots(Int2IntOpenHashMap catSlots, int[] out) {
        int slots = 0;
        for (int a = 0; a < anns.count; a++) {
            int slot = catSlots.get(annotationCategoryId(a));
            if (slot < 0) {
                slot = slots++;
                catSlots.put(annotationCategoryId(a), slot);
            }
            out[a] = slot;
        }
        return slots;
    }

    public Path path() {
        return path;
    }

    /** While loading: whether an images table has been read before the item being read. */
    boolean imagesRead() {
        return imageIndex != null;
    }

    /** The top-level members in file order, repeated names included (the tables are the last of each). */
    public List<Member> members() {
        return Collections.unmodifiableList(members);
    }

    /** Where the object of annotation {@code a} starts in the file. */
    public long annotationStart(int a) {
        return spans[ANNOTATIONS].start(a);
    }

    /** Where the object of annotation {@code a} ends in the file (just after its '}'). */
    public long annotationEnd(int a) {
        return spans[ANNOTATIONS].end(a);
    }

    /** The bytes of annotation {@code a}'s object, read from the file. */
    public byte[] annotationJson(int a) {
        return bytes(annotationStart(a), annotationEnd(a));
    }

    /** The bytes of image {@code i}'s object, read from the file. */
    public byte[] imageJson(int i) {
        return bytes(spans[IMAGES].start(i), spans[IMAGES].end(i));
    }

    /** Where the object of category {@code c} starts in the file. */
    public long categoryStart(int c) {
        return spans[CATEGORIES].start(c);
    }

    /** The bytes of category {@code c}'s object, read from the file. */
    public byte[] categoryJson(int c) {
        return bytes(spans[CATEGORIES].start(c), spans[CATEGORIES].end(c));
    }

    /** The bytes [start, end) of the file (a {@link Member}'s value, a run of annotations, …). */
    public byte[] bytes(long start, long end) {
        return file.read(start, end);
    }

    /** Reads the bytes [start, end) of the file into {@code into[0, end − start)}, which must hold them. */
    public void read(long start, long end, byte[] into) {
        file.read(start, end, into);
    }

    /** Copies the bytes [start, end) of the file to {@code out} unchanged, without holding them all. */
    public void copy(long start, long end, OutputStream out) throws IOException {
        file.copy(start, end, out);
    }

    /**
     * The error for bytes of the file that Jackson refused: file, line, column and byte offset of the
     * problem ({@code valueStart} is where the parsed bytes start), and {@code item}, e.g. "annotation id 5 (#3)".
     */
    public CocoFormatException invalidJson(long valueStart, JacksonException e, String item) {
        return file.invalidJson(valueStart, e, item);
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

    /** Position of image {@code id} in the images table (the last, if the id is repeated), or −1. */
    public int imageIndex(long id) {
        return imageIndex.get(id);
    }

    /** Position of annotation {@code id} in the annotations list (the last, if the id is repeated), or −1. */
    public int annotationIndex(long id) {
        return lookups().annIndex().get(id);
    }

    public long imageId(int i) {
        return images.id[i];
    }

    /** The image's height; in a {@link Required#IDS} load 0 when absent, −1 when not a 32-bit size. */
    public int imageHeight(int i) {
        return images.height[i];
    }

    /** The image's width; in a {@link Required#IDS} load 0 when absent, −1 when not a 32-bit size. */
    public int imageWidth(int i) {
        return images.width[i];
    }

    public String imageFileName(int i) {
        return images.fileName[i];
    }

    /** The annotation's id; 0 when absent (in a {@link Required#IDS} load). */
    public long annotationId(int a) {
        return anns.block(a).id[Annotations.slot(a)];
    }

    public long annotationImageId(int a) {
        return anns.block(a).imageId[Annotations.slot(a)];
    }

    public int annotationCategoryId(int a) {
        anns.requireQueried();
        return anns.block(a).categoryId[Annotations.slot(a)];
    }

    public boolean annotationIsCrowd(int a) {
        return anns.block(a).iscrowd[Annotations.slot(a)];
    }

    public double annotationArea(int a) {
        anns.requireQueried();
        return anns.block(a).area[Annotations.slot(a)];
    }

    public Bbox annotationBbox(int a) {
        anns.requireQueried();
        double[] bbox = anns.block(a).bbox;
        int at = 4 * Annotations.slot(a);
        return new Bbox(bbox[at], bbox[at + 1], bbox[at + 2], bbox[at + 3]);
    }

    /** num_keypoints, or 0 when the annotation has none. */
    public int annotationNumKeypoints(int a) {
        anns.requireQueried();
        return anns.block(a).numKeypoints[Annotations.slot(a)];
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
        return i < 0 ? new int[0] : lookups().imgToAnns().members(i);
    }

    /** catToImgs: the image id of every annotation of the category, duplicates included, in file order. */
    public long[] categoryImages(int categoryId) {
        Lookups l = lookups();
        int c = l.catSlots().get(categoryId);
        long[] out = new long[c < 0 ? 0 : l.catToAnns().size(c)];
        for (int k = 0; k < out.length; k++) {
            out[k] = annotationImageId(l.catToAnns().member(c, k));
        }
        return out;
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
                    for (int a : lookups().imgToAnns().members(i)) {
                        candidates.add(a);
                    }
                }
            }
        }
        return candidates.stream().mapToInt(Integer::intValue)
                .filter(a -> catIds.length == 0 || contains(catIds, annotationCategoryId(a)))
                .filter(a -> areaRng.length == 0 || (annotationArea(a) > areaRng[0] && annotationArea(a) < areaRng[1]))
                .filter(a -> iscrowd == null || annotationIsCrowd(a) == iscrowd)
                .mapToLong(this::annotationId).toArray();
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
        anns.requireQueried();
        Annotations.Block b = anns.block(a);
        int slot = Annotations.slot(a);
        if (b.segStart[slot] < 0) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + " has no segmentation");
        }
        long start = b.segStart[slot];
        byte[] value = file.read(start, start + b.segLength[slot]);
        try {
            return AnnotationScan.segmentation(value, 0, value.length);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw file.invalidJson(start, e, "annotation " + describe(a));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /** The annotation's keypoints (x, y, v triples), read from the file; empty if it has none. */
    public double[] keypoints(int a) {
        anns.requireQueried();
        Annotations.Block b = anns.block(a);
        int slot = Annotations.slot(a);
        if (b.kpStart[slot] < 0) {
            return new double[0];
        }
        long start = b.kpStart[slot];
        byte[] value = file.read(start, start + b.kpLength[slot]);
        double[] numbers = AnnotationScan.numberList(value, 0, value.length);
        if (numbers != null) {
            return numbers;
        }
        try (JsonParser p = Json.parser(value)) {
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
        } catch (JacksonException e) {
            throw file.invalidJson(start, e, "annotation " + describe(a));
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why annotation {@code a} fails a requirement of the load, or null when it does not; only a
     * {@link #loadKeepingInvalidAnnotations} index holds such annotations.
     */
    public String annotationProblem(int a) {
        return anns.problem(a);
    }

    /** annToRLE: the annotation's mask on its image, as compressed-RLE semantics give it. */
    public Rle annToRle(int a) {
        if (anns.problem(a) != null) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": " + anns.problem(a));
        }
        int img = imageIndex(annotationImageId(a));
        if (img < 0) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": image_id " + annotationImageId(a)
                    + " is not in the images table");
        }
        Segmentation seg = segmentation(a);
        try {
            return seg.toRle(images.height[img], images.width[img]);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": " + e.getMessage(), e);
        }
    }

    /**
     * annToMask: the annotation's mask decoded into {@code arena}, column-major as pycocotools gives it;
     * an image over the {@link PixelLimit} is refused before anything is allocated.
     */
    public Mask annToMask(int a, Arena arena) {
        Rle rle = annToRle(a);
        Optional<String> excess = PixelLimit.excess(rle.h(), rle.w());
        if (excess.isPresent()) {
            throw new CocoFormatException(path + ": annotation " + describe(a) + ": cannot decode its mask: the image is "
                    + excess.get());
        }
        return MaskApi.decode(rle, arena, Order.COLUMN_MAJOR);
    }

    /** "id 5 (#3)": annotation {@code a} for messages. */
    public String describe(int a) {
        return describe(annotationId(a), a);
    }

    /** "id 5 (#3)": annotation {@code a}, whose id is {@code id}, for messages. */
    static String describe(long id, int a) {
        return "id " + id + " (#" + a + ")";
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
