package dev.segpack.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.io.Json;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Memory: one streaming pass indexes the file (per annotation its image and byte range, 16 bytes;
 * per image its id, name and size); each item's annotations are parsed only when the item is asked
 * for, by reading their byte ranges back.
 */
public final class CocoJsonImporter implements DatasetReader {

    private final Path path;
    private final CocoTask task;
    private final String subset;
    private final FileChannel file;
    private final Consumer<String> warnings;
    private CategorySet categories = new CategorySet(List.of());
    private CocoAnnotationParser parser;
    private final List<long[]> imageIdsAndSizes = new ArrayList<>();
    private final List<String> fileNames = new ArrayList<>();
    private long[] annStart = new long[1024];
    private int[] annLength = new int[1024];
    /** While indexing, each annotation's image_id; then dropped. */
    private long[] annImageId = new long[1024];
    private int annCount;
    /** Per image, the positions of its annotations in the sorted order: [firstOf[i], firstOf[i + 1]). */
    private int[] firstOf;
    private int[] order;
    private boolean iterated;

    private CocoJsonImporter(Path path, CocoTask task, String subset, FileChannel file, Consumer<String> warnings) {
        this.path = path;
        this.task = task;
        this.subset = subset;
        this.file = file;
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
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        CocoJsonImporter importer = new CocoJsonImporter(path, task != null ? task : named, subset, channel, warnings);
        try {
            importer.index();
            return importer;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public CocoTask task() {
        return parser.task();
    }

    private void index() throws IOException {
        List<CocoAnnotationParser.SourceCategory> rawCategories = new ArrayList<>();
        try (JsonParser p = Json.FACTORY.createParser(new BufferedInputStream(Files.newInputStream(path), 1 << 16))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CocoFormatException(path + ": not a COCO file (the top level is not a JSON object)");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY && key.equals("images")) {
                    for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                        readImage(p, i);
                    }
                } else if (v == JsonToken.START_ARRAY && key.equals("annotations")) {
                    for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                        indexAnnotation(p, i);
                    }
                } else if (v == JsonToken.START_ARRAY && key.equals("categories")) {
                    for (int i = 0; p.nextToken() == JsonToken.START_OBJECT; i++) {
                        rawCategories.add(CocoAnnotationParser.readCategory(p, path, i));
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new CocoFormatException(path + ": not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
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
        groupByImage();
    }

    private void readImage(JsonParser p, int index) throws IOException {
        Long id = null;
        long h = 0, w = 0;
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> id = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : null;
                case "height" -> h = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                case "width" -> w = v == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                case "file_name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }
        String which = path + ": image #" + index + (id != null ? " (id " + id + ")" : "");
        if (id == null) {
            throw new CocoFormatException(which + " has no integer id");
        }
        if (name == null) {
            throw new CocoFormatException(which + " has no file_name string");
        }
        if (h < 0 || w < 0 || h > Integer.MAX_VALUE || w > Integer.MAX_VALUE) {
            throw new CocoFormatException(which + " has an invalid height or width");
        }
        // datumaro takes the size only when both are there and nonzero
        boolean sized = h > 0 && w > 0;
        imageIdsAndSizes.add(new long[] {id, sized ? h : 0, sized ? w : 0});
        fileNames.add(name);
    }

    private void indexAnnotation(JsonParser p, int index) throws IOException {
        if (annCount == annStart.length) {
            int n = 2 * annCount;
            annStart = Arrays.copyOf(annStart, n);
            annLength = Arrays.copyOf(annLength, n);
            annImageId = Arrays.copyOf(annImageId, n);
        }
        long start = p.currentTokenLocation().getByteOffset();
        Long imageId = null;
        Long id = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("image_id") && v == JsonToken.VALUE_NUMBER_INT) {
                imageId = p.getLongValue();
            } else if (key.equals("id") && v == JsonToken.VALUE_NUMBER_INT) {
                id = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        if (imageId == null) {
            throw new CocoFormatException(path + ": annotation #" + index + (id != null ? " (id " + id + ")" : "")
                    + " has no integer image_id");
        }
        long end = p.currentLocation().getByteOffset();
        annStart[annCount] = start;
        annLength[annCount] = Math.toIntExact(end - start);
        annImageId[annCount] = imageId;
        annCount++;
    }

    /** Sorts the annotation refs by image (stably, so file order within an image), dropping unknown images. */
    private void groupByImage() {
        Map<Long, Integer> imageIndex = new HashMap<>();
        for (int i = 0; i < imageIdsAndSizes.size(); i++) {
            if (imageIndex.putIfAbsent(imageIdsAndSizes.get(i)[0], i) != null) {
                throw new CocoFormatException(path + ": image id " + imageIdsAndSizes.get(i)[0] + " appears twice");
            }
        }
        int[] annImage = new int[annCount];
        int[] perImage = new int[imageIdsAndSizes.size() + 1];
        long unknown = 0;
        for (int a = 0; a < annCount; a++) {
            Integer img = imageIndex.get(annImageId[a]);
            annImage[a] = img == null ? -1 : img;
            if (img == null) {
                unknown++;
            } else {
                perImage[img + 1]++;
            }
        }
        if (unknown > 0) {
            warnings.accept(path + ": " + unknown + " annotation(s) refer to image ids not in the images table"
                    + " and are left out");
        }
        annImageId = null;
        for (int i = 0; i < imageIdsAndSizes.size(); i++) {
            perImage[i + 1] += perImage[i];
        }
        firstOf = perImage.clone();
        order = new int[annCount];
        int[] next = perImage;
        for (int a = 0; a < annCount; a++) {
            if (annImage[a] >= 0) {
                order[next[annImage[a]]++] = a;
            }
        }
    }

    @Override
    public CategorySet categories() {
        return categories;
    }

    @Override
    public long itemCount() {
        return imageIdsAndSizes.size();
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
                return next < imageIdsAndSizes.size();
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
        long[] idAndSize = imageIdsAndSizes.get(i);
        String fileName = fileNames.get(i);
        ImageInfo image = new ImageInfo(fileName, (int) idAndSize[1], (int) idAndSize[2]);
        List<Annotation> annotations = new ArrayList<>();
        if (parser.task() != CocoTask.IMAGE_INFO) {
            for (int k = firstOf[i]; k < firstOf[i + 1]; k++) {
                int a = order[k];
                parser.parse(read(annStart[a], annLength[a]), image, annotations);
            }
        }
        int dot = fileName.lastIndexOf('.');
        String itemId = dot > fileName.lastIndexOf('/') && dot > 0 ? fileName.substring(0, dot) : fileName;
        return new Item(itemId, subset, image, OptionalLong.of(idAndSize[0]), annotations);
    }

    private byte[] read(long start, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        try {
            while (buf.hasRemaining()) {
                if (file.read(buf, start + buf.position()) < 0) {
                    throw new IOException("file ended at " + (start + buf.position()) + "; was it changed while reading?");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
        return buf.array();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
