package dev.segpack.dataset;

import com.fasterxml.jackson.core.JsonParser;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.coco.CocoIndex;
import dev.segpack.io.Json;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads a COCO JSON file (instances, person_keypoints, labels, captions or image_info) into the
 * dataset model with datumaro's importer semantics (see {@link CocoAnnotationParser}): one item per
 * image, in file order, with its annotations in file order.
 *
 * <p>The file is read once, into a {@link CocoIndex} (images' ids, names and sizes, and where each
 * annotation and category is); categories are parsed from their bytes on opening, each item's
 * annotations when the item is asked for.
 */
public final class CocoJsonImporter implements DatasetReader {

    private final Path path;
    private final CocoTask task;
    private final String subset;
    private final CocoIndex index;
    private final Consumer<String> warnings;
    private CategorySet categories = new CategorySet(List.of());
    private CocoAnnotationParser parser;
    private boolean iterated;

    private CocoJsonImporter(Path path, CocoTask task, String subset, CocoIndex index, Consumer<String> warnings) {
        this.path = path;
        this.task = task;
        this.subset = subset;
        this.index = index;
        this.warnings = warnings;
    }

    /**
     * Opens {@code path}. The task and subset come from a name {@code <task>_<subset>.json} (as
     * datumaro reads them); otherwise {@code task} decides (null: person_keypoints when a category
     * lists keypoints, else instances) and the subset is "default".
     */
    public static CocoJsonImporter open(Path path, CocoTask task, Consumer<String> warnings) throws IOException {
        String name = path.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        CocoTask named = null;
        String subset = Item.DEFAULT_SUBSET;
        for (CocoTask t : CocoTask.values()) {
            String prefix = t.fileName() + "_";
            if (stem.startsWith(prefix) && stem.length() > prefix.length()
                    && (named == null || prefix.length() > named.fileName().length() + 1)) {
                named = t;
                subset = stem.substring(prefix.length());
            }
        }
        if (named == CocoTask.PANOPTIC || task == CocoTask.PANOPTIC) {
            throw new IllegalArgumentException(path + ": reading COCO panoptic files is not supported here");
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("cannot read " + path + ": " + (Files.exists(path) ? "not a regular file" : "no such file"));
        }
        CocoIndex index = CocoIndex.load(path, CocoIndex.Required.IDS);
        CocoJsonImporter importer = new CocoJsonImporter(path, task != null ? task : named, subset, index, warnings);
        try {
            importer.check();
            return importer;
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    public CocoTask task() {
        return parser.task();
    }

    /** Checks the images and reads the categories, as datumaro does on opening. */
    private void check() {
        checkImages();
        List<CocoAnnotationParser.SourceCategory> rawCategories = new ArrayList<>();
        for (int c = 0; c < index.categoryCount(); c++) {
            try (JsonParser p = Json.parser(index.categoryJson(c))) {
                p.nextToken();
                rawCategories.add(CocoAnnotationParser.readCategory(p, path, c));
            } catch (IOException e) {
                throw new UncheckedIOException(path + ": category #" + c + ": " + e.getMessage(), e);
            }
        }
        boolean keypoints = rawCategories.stream().anyMatch(c -> !c.category().keypoints().isEmpty());
        CocoTask effective = task != null ? task : keypoints ? CocoTask.PERSON_KEYPOINTS : CocoTask.INSTANCES;
        // datumaro numbers labels in order of category id
        rawCategories.sort(Comparator.comparingInt(CocoAnnotationParser.SourceCategory::id));
        Map<Integer, Integer> labelOf = new HashMap<>();
        List<Category> cats = new ArrayList<>();
        for (CocoAnnotationParser.SourceCategory c : rawCategories) {
            if (labelOf.putIfAbsent(c.id(), cats.size()) != null) {
                throw new CocoFormatException(path + ": category id " + c.id() + " appears twice");
            }
            cats.add(c.category());
        }
        try {
            categories = new CategorySet(cats);
        } catch (IllegalArgumentException e) {
            throw new CocoFormatException(path + ": " + e.getMessage(), e);
        }
        parser = new CocoAnnotationParser(path, effective, labelOf);
        LongOpenHashSet ids = new LongOpenHashSet(index.imageCount());
        for (int i = 0; i < index.imageCount(); i++) {
            if (!ids.add(index.imageId(i))) {
                throw new CocoFormatException(path + ": image id " + index.imageId(i) + " appears twice");
            }
        }
        long unknown = 0;
        for (int a = 0; a < index.annotationCount(); a++) {
            unknown += index.imageIndex(index.annotationImageId(a)) < 0 ? 1 : 0;
        }
        if (unknown > 0) {
            warnings.accept(path + ": " + unknown + " annotation(s) refer to image ids not in the images table"
                    + " and are left out");
        }
    }

    /** Every image needs a file_name; a size, when given, must be a 32-bit one. */
    private void checkImages() {
        for (int i = 0; i < index.imageCount(); i++) {
            String which = path + ": image #" + i + " (id " + index.imageId(i) + ")";
            if (index.imageFileName(i) == null) {
                throw new CocoFormatException(which + " has no file_name string");
            }
            if (index.imageHeight(i) < 0 || index.imageWidth(i) < 0) {
                throw new CocoFormatException(which + " has an invalid height or width");
            }
        }
    }

    @Override
    public CategorySet categories() {
        return categories;
    }

    @Override
    public long itemCount() {
        return index.imageCount();
    }

    @Override
    public Iterator<Item> items() {
        if (iterated) {
            throw new IllegalStateException("the items of " + path + " can be read once");
        }
        iterated = true;
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < index.imageCount();
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return item(next++);
            }
        };
    }

    private Item item(int i) {
        String fileName = index.imageFileName(i);
        int h = index.imageHeight(i), w = index.imageWidth(i);
        // datumaro takes the size only when both are there and nonzero
        boolean sized = h > 0 && w > 0;
        ImageInfo image = new ImageInfo(fileName, sized ? h : 0, sized ? w : 0);
        List<Annotation> annotations = new ArrayList<>();
        if (parser.task() != CocoTask.IMAGE_INFO) {
            for (int a : index.imageAnnotations(index.imageId(i))) {
                parser.parse(index.annotationJson(a), image, annotations);
            }
        }
        int dot = fileName.lastIndexOf('.');
        String itemId = dot > fileName.lastIndexOf('/') && dot > 0 ? fileName.substring(0, dot) : fileName;
        return new Item(itemId, subset, image, OptionalLong.of(index.imageId(i)), annotations);
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
