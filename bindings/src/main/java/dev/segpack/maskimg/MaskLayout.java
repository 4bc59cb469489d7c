package dev.segpack.maskimg;

import dev.segpack.dataset.Category;
import dev.segpack.dataset.CategorySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * How mask files are named, and the scan that groups them by image. Mask files are {@code .png},
 * {@code .jpg} or {@code .jpeg} (any case); other and hidden files are ignored.
 * <ul>
 * <li>{@link Kind#FLAT}: binary masks {@code DIR/<image_stem>_<category>_<k>.png}, one object per file,
 * k an instance number. The image stem may contain '_'; the category may too when a category map
 * names it (the longest name that fits wins), otherwise it is the token before k.</li>
 * <li>{@link Kind#FOLDERS}: binary masks {@code DIR/<category>/<image_stem>_<k>.png}.</li>
 * <li>{@link Kind#MAP}: one multi-valued map per image, {@code DIR/<image_stem>.png}, whose pixel values
 * the category map turns into categories.</li>
 * </ul>
 * {@link Kind#AUTO} picks FOLDERS when DIR has subfolders, else MAP when the category map gives pixel
 * values, else FLAT. Without a category map, binary categories are the names found, sorted, with ids
 * 1, 2, …; with one, they are its categories and an unknown name is an error.
 */
public final class MaskLayout {

    public enum Kind { AUTO, FLAT, FOLDERS, MAP }

    /** One mask file: its category (label index; −1 for a multi-valued map) and instance number. */
    public record MaskFile(Path path, int label, long k) {
    }

    /** One image: its stem, its file in the images folder (null when none was given), its mask files in order. */
    public record ImageGroup(String stem, Path image, List<MaskFile> masks) {
    }

    public record Scan(Kind kind, CategorySet categories, List<ImageGroup> images, long maskFiles) {
    }

    private static final List<String> MASK_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");
    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp");

    private MaskLayout() {
    }

    public static Scan scan(Path masksDir, Path imagesDir, CategoryMap map, Kind kind) throws IOException {
        if (!Files.isDirectory(masksDir)) {
            throw new IOException(masksDir + ": no such folder of masks");
        }
        List<Path> entries = list(masksDir);
        boolean hasFolders = entries.stream().anyMatch(Files::isDirectory);
        Kind resolved = kind != Kind.AUTO ? kind
                : hasFolders ? Kind.FOLDERS
                : map != null && map.hasValues() ? Kind.MAP
                : Kind.FLAT;
        if (resolved != Kind.FOLDERS && hasFolders) {
            Path folder = entries.stream().filter(Files::isDirectory).findFirst().orElseThrow();
            throw new IllegalArgumentException(folder + ": a folder, but --layout " + resolved.name().toLowerCase(Locale.ROOT)
                    + " reads only the mask files directly in " + masksDir + " (a folder per category is --layout folders)");
        }
        List<Found> found = new ArrayList<>();
        CategorySet categories;
        switch (resolved) {
            case MAP -> {
                if (map == null) {
                    throw new IllegalArgumentException("multi-valued maps (" + masksDir
                            + ") need --categories MAP.json to turn pixel values into categories");
                }
                for (Path p : maskFiles(entries)) {
                    found.add(new Found(stemOf(p), new MaskFile(p, -1, 0), null));
                }
                categories = map.categories();
            }
            case FOLDERS -> {
                List<Path> folders = entries.stream().filter(Files::isDirectory).toList();
                List<Path> loose = maskFiles(entries);
                if (!loose.isEmpty()) {
                    throw new IllegalArgumentException(loose.get(0) + ": mask files must be in a folder per category"
                            + " (" + masksDir + "/<category>/<image_stem>_<k>.png) when " + masksDir + " has folders");
                }
                List<String> names = folders.stream().map(f -> f.getFileName().toString()).sorted().toList();
                categories = map != null ? map.categories() : numbered(names);
                for (Path folder : folders) {
                    String name = folder.getFileName().toString();
                    int label = labelOf(categories, name);
                    if (label < 0) {
                        throw new IllegalArgumentException(folder + ": category '" + name + "' is not in "
                                + map.source());
                    }
                    List<Path> inFolder = list(folder);
                    for (Path p : inFolder) {
                        if (Files.isDirectory(p)) {
                            throw new IllegalArgumentException(p + ": a folder inside the category folder '" + name
                                    + "'; its mask files must be directly in it (" + masksDir
                                    + "/<category>/<image_stem>_<k>.png)");
                        }
                    }
                    for (Path p : maskFiles(inFolder)) {
                        String stem = stemOf(p);
                        int cut = instanceSuffix(stem);
                        if (cut <= 0) {
                            throw new IllegalArgumentException(p + ": does not match <image_stem>_<k>.png inside the"
                                    + " category folder '" + name + "' (k: an instance number)");
                        }
                        found.add(new Found(stem.substring(0, cut), new MaskFile(p, label, parseK(stem, cut, p)), null));
                    }
                }
            }
            default -> {
                List<Path> files = maskFiles(entries);
                List<String[]> parsed = new ArrayList<>();
                TreeSet<String> names = new TreeSet<>();
                for (Path p : files) {
                    String[] parts = parseFlat(p, map);
                    parsed.add(parts);
                    names.add(parts[1]);
                }
                categories = map != null ? map.categories() : numbered(List.copyOf(names));
                for (int i = 0; i < files.size(); i++) {
                    String[] parts = parsed.get(i);
                    Path p = files.get(i);
                    int label = labelOf(categories, parts[1]);
                    found.add(new Found(parts[0], new MaskFile(p, label, Long.parseLong(parts[2])), null));
                }
            }
        }
        return new Scan(resolved, categories, group(found, imagesDir), found.size());
    }

    private record Found(String stem, MaskFile mask, Path image) {
    }

    /** Groups the masks by image stem (sorted), each image's masks by category, k and name; attaches the images. */
    private static List<ImageGroup> group(List<Found> found, Path imagesDir) throws IOException {
        TreeMap<String, List<MaskFile>> byStem = new TreeMap<>();
        for (Found f : found) {
            byStem.computeIfAbsent(f.stem(), s -> new ArrayList<>()).add(f.mask());
        }
        TreeMap<String, Path> images = new TreeMap<>();
        if (imagesDir != null) {
            if (!Files.isDirectory(imagesDir)) {
                throw new IOException(imagesDir + ": no such folder of images");
            }
            for (Path p : list(imagesDir)) {
                if (Files.isRegularFile(p) && hasExtension(p, IMAGE_EXTENSIONS)) {
                    Path other = images.put(stemOf(p), p);
                    if (other != null) {
                        throw new IllegalArgumentException(p + " and " + other + " are two images with one stem;"
                                + " masks cannot tell which is theirs");
                    }
                }
            }
            for (Map.Entry<String, List<MaskFile>> e : byStem.entrySet()) {
                if (!images.containsKey(e.getKey())) {
                    throw new IllegalArgumentException(e.getValue().get(0).path() + ": no image '" + e.getKey()
                            + ".*' in " + imagesDir);
                }
            }
        }
        Comparator<MaskFile> order = Comparator.comparingInt(MaskFile::label).thenComparingLong(MaskFile::k)
                .thenComparing(m -> m.path().toString());
        List<ImageGroup> groups = new ArrayList<>();
        TreeSet<String> stems = new TreeSet<>(byStem.keySet());
        stems.addAll(images.keySet());
        for (String stem : stems) {
            List<MaskFile> masks = new ArrayList<>(byStem.getOrDefault(stem, List.of()));
            masks.sort(order);
            groups.add(new ImageGroup(stem, images.get(stem), masks));
        }
        return groups;
    }

    /** {image_stem, category, k} of a flat mask file name. */
    private static String[] parseFlat(Path p, CategoryMap map) {
        String stem = stemOf(p);
        int cut = instanceSuffix(stem);
        String problem = p + ": does not match <image_stem>_<category>_<k>.png (k: an instance number);"
                + " for one multi-valued map per image use --layout map";
        if (cut <= 0) {
            throw new IllegalArgumentException(problem);
        }
        String k = stem.substring(cut + 1);
        String head = stem.substring(0, cut);
        if (map != null) {
            String best = null;
            for (CategoryMap.Entry e : map.entries()) {
                String suffix = "_" + e.name();
                if (head.endsWith(suffix) && head.length() > suffix.length()
                        && (best == null || e.name().length() > best.length())) {
                    best = e.name();
                }
            }
            if (best == null) {
                throw new IllegalArgumentException(p + ": no category of " + map.source() + " fits the name"
                        + " <image_stem>_<category>_<k>.png");
            }
            return new String[] {head.substring(0, head.length() - best.length() - 1), best, k};
        }
        int sep = head.lastIndexOf('_');
        if (sep <= 0 || sep == head.length() - 1) {
            throw new IllegalArgumentException(problem);
        }
        return new String[] {head.substring(0, sep), head.substring(sep + 1), k};
    }

    /** The index of the '_' before a trailing run of digits, or −1. */
    private static int instanceSuffix(String stem) {
        int i = stem.length();
        while (i > 0 && Character.isDigit(stem.charAt(i - 1)) && stem.charAt(i - 1) < 128) {
            i--;
        }
        return i < stem.length() && i > 0 && stem.charAt(i - 1) == '_' ? i - 1 : -1;
    }

    private static long parseK(String stem, int cut, Path p) {
        try {
            return Long.parseLong(stem.substring(cut + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(p + ": instance number " + stem.substring(cut + 1) + " is too large");
        }
    }

    private static CategorySet numbered(List<String> names) {
        List<Category> cats = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cats.add(new Category(names.get(i), "", OptionalInt.of(i + 1), List.of(), List.of(), null));
        }
        return new CategorySet(cats);
    }

    private static int labelOf(CategorySet categories, String name) {
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The entries of {@code dir} but hidden ones, sorted. A symbolic link that leads nowhere is an error
     * naming it, not an entry silently passed over.
     */
    private static List<Path> list(Path dir) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        for (Path p : entries) {
            if (Files.isSymbolicLink(p) && !Files.exists(p)) {
                throw new IOException(p + ": symbolic link to " + Files.readSymbolicLink(p) + ", which "
                        + (leadsToALoop(p) ? "leads into a loop of symbolic links" : "does not exist"));
            }
        }
        return entries;
    }

    private static boolean leadsToALoop(Path link) {
        try {
            link.toRealPath();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // ELOOP: "Too many levels of symbolic links"
        }
    }

    private static List<Path> maskFiles(List<Path> entries) {
        return entries.stream().filter(p -> Files.isRegularFile(p) && hasExtension(p, MASK_EXTENSIONS)).toList();
    }

    private static boolean hasExtension(Path p, List<String> extensions) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(name::endsWith);
    }

    static String stemOf(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
