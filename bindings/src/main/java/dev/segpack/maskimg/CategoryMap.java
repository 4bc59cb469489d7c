package dev.segpack.maskimg;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.dataset.Category;
import dev.segpack.dataset.CategorySet;
import dev.segpack.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A category map file ({@code --categories MAP.json}): the categories, their COCO ids, and for
 * multi-valued maps the pixel value (or RGB colour) of each, plus the values that are background.
 * Two forms:
 * <pre>
 * {"1": "person", "2": "car"}            value (= COCO id) to name; background is 0
 *
 * {"categories": [
 *    {"id": 1, "name": "person", "supercategory": "human", "value": 1},
 *    {"id": 2, "name": "car", "color": [0, 0, 142]}],   (or "color": "#00008e")
 *  "background": [0, 255]}              (default [0], or black [0,0,0] when colours are used)
 * </pre>
 * In the list form {@code id} defaults to the entry's position + 1 and {@code value} to {@code id};
 * {@code supercategory} defaults to "". Binary masks use only names and ids.
 */
public final class CategoryMap {

    /** One category with the pixel value (a gray/palette value, or 0xRRGGBB for a colour) that marks it. */
    public record Entry(int id, String name, String supercategory, long value) {
    }


    private final Path source;
    private final List<Entry> entries;
    private final Set<Long> background;
    private final boolean hasValues;
    private final Map<Long, Integer> entryOfValue = new HashMap<>();

    private CategoryMap(Path source, List<Entry> entries, Set<Long> background, boolean hasValues) {
        this.source = source;
        this.entries = List.copyOf(entries);
        this.background = Set.copyOf(background);
        this.hasValues = hasValues;
        Set<String> names = new HashSet<>();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!names.add(e.name())) {
                throw new IllegalArgumentException(source + ": category name '" + e.name() + "' appears twice");
            }
            if (!ids.add(e.id())) {
                throw new IllegalArgumentException(source + ": category id " + e.id() + " appears twice");
            }
            if (entryOfValue.putIfAbsent(e.value(), i) != null) {
                throw new IllegalArgumentException(source + ": pixel value " + describe(e.value()) + " is given to two categories");
            }
            if (background.contains(e.value())) {
                throw new IllegalArgumentException(source + ": pixel value " + describe(e.value())
                        + " is both background and category '" + e.name() + "'");
            }
        }
    }

    public static CategoryMap read(Path path) throws IOException {
        return read(path, Files.readAllBytes(path));
    }

    /** The map in {@code json}, the bytes of the file {@code path} read elsewhere (errors name {@code path}). */
    public static CategoryMap read(Path path, byte[] json) throws IOException {
        try (JsonParser p = Json.parser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(path + ": a category map is a JSON object");
            }
            List<Entry> entries = new ArrayList<>();
            Set<Long> background = new HashSet<>();
            boolean listForm = false;
            boolean hasValues = false;
            boolean backgroundGiven = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals("categories") && v == JsonToken.START_ARRAY) {
                    listForm = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Entry e = readEntry(p, path, entries.size());
                        hasValues |= e.value() != Long.MIN_VALUE;
                        entries.add(e);
                    }
                } else if (key.equals("background") && v == JsonToken.START_ARRAY) {
                    backgroundGiven = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        background.add(readValue(p, path, "background value"));
                    }
                } else if (v == JsonToken.VALUE_STRING) {
                    long value;
                    try {
                        value = Long.parseLong(key.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(path + ": key '" + key
                                + "' is not a pixel value; use {\"1\": \"name\", …} or {\"categories\": […]}");
                    }
                    checkId(path, value, key);
                    entries.add(new Entry((int) value, p.getText(), "", value));
                    hasValues = true;
                } else {
                    throw new IllegalArgumentException(path + ": unexpected key '" + key + "' in a category map");
                }
            }
            boolean colours = entries.stream().anyMatch(e -> e.value() != Long.MIN_VALUE && (e.value() & COLOUR) != 0);
            if (!backgroundGiven) {
                background.add(colours ? COLOUR : 0L); // black for colour maps
            }
            if (listForm) {
                List<Entry> resolved = new ArrayList<>();
                for (Entry e : entries) {
                    resolved.add(e.value() == Long.MIN_VALUE ? new Entry(e.id(), e.name(), e.supercategory(), e.id()) : e);
                }
                entries = resolved;
            }
            return new CategoryMap(path, entries, background, hasValues);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(path + ": not valid JSON: " + Json.problem(e) + Json.lineAndColumn(e), e);
        }
    }

    private static Entry readEntry(JsonParser p, Path path, int index) throws IOException {
        Integer id = null;
        String name = null;
        String supercategory = "";
        long value = Long.MIN_VALUE;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            switch (key) {
                case "id" -> {
                    if (v != JsonToken.VALUE_NUMBER_INT) {
                        throw new IllegalArgumentException(path + ": category #" + index + ": id is not an integer");
                    }
                    long id64 = p.getLongValue();
                    checkId(path, id64, "category #" + index);
                    id = (int) id64;
                }
                case "name" -> name = v == JsonToken.VALUE_STRING ? p.getText() : null;
                case "supercategory" -> supercategory = v == JsonToken.VALUE_STRING ? p.getText() : "";
                case "value", "color" -> value = readValue(p, path, "category #" + index + " " + key);
                default -> p.skipChildren();
            }
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(path + ": category #" + index + " has no name");
        }
        return new Entry(id != null ? id : index + 1, name, supercategory, value);
    }

    private static void checkId(Path path, long id, String where) {
        if (id < 1 || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(path + ": " + where + ": category id " + id + " is not in 1..2^31-1");
        }
    }

    /** A gray/palette value (a non-negative integer), or a colour as [r,g,b] or "#rrggbb", packed 0xRRGGBB. */
    private static long readValue(JsonParser p, Path path, String what) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT && p.getLongValue() >= 0 && p.getLongValue() <= 0xFFFF) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_STRING && p.getText().matches("#[0-9a-fA-F]{6}")) {
            return Long.parseLong(p.getText().substring(1), 16) | COLOUR;
        }
        if (t == JsonToken.START_ARRAY) {
            long rgb = 0;
            int n = 0;
            for (JsonToken c = p.nextToken(); c != JsonToken.END_ARRAY; c = p.nextToken()) {
                if (c != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 0 || p.getIntValue() > 255 || n == 3) {
                    throw new IllegalArgumentException(path + ": " + what + " is not a colour [r, g, b] of 0..255");
                }
                rgb = rgb << 8 | p.getIntValue();
                n++;
            }
            if (n == 3) {
                return rgb | COLOUR;
            }
        }
        throw new IllegalArgumentException(path + ": " + what
                + " is not a pixel value (0..65535), a colour [r, g, b] or \"#rrggbb\"");
    }

    /** Marks a packed colour so that it never equals a gray value. */
    static final long COLOUR = 1L << 32;

    static String describe(long value) {
        return (value & COLOUR) != 0 ? String.format("#%06x", value & 0xFFFFFF) : Long.toString(value);
    }

    public Path source() {
        return source;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Whether the map gives pixel values (so it can describe multi-valued maps). */
    public boolean hasValues() {
        return hasValues;
    }

    /** Whether the values are colours ([r,g,b] / "#rrggbb"), so maps are read as RGB. */
    public boolean usesColours() {
        for (Entry e : entries) {
            if ((e.value() & COLOUR) != 0) {
                return true;
            }
        }
        for (long b : background) {
            if ((b & COLOUR) != 0) {
                return true;
            }
        }
        return false;
    }

    public boolean isBackground(long value) {
        return background.contains(value);
    }

    /** The entry index of a pixel value, or −1. */
    public int entryOf(long value) {
        return entryOfValue.getOrDefault(value, -1);
    }

    /** The categories in map order, each with its COCO id as source id. */
    public CategorySet categories() {
        List<Category> cats = new ArrayList<>();
        for (Entry e : entries) {
            cats.add(new Category(e.name(), e.supercategory(), OptionalInt.of(e.id()), List.of(), List.of(), null));
        }
        return new CategorySet(cats);
    }
}
