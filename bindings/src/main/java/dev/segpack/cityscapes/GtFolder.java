package dev.segpack.cityscapes;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The frames of a gtFine or gtCoarse folder as cityscapesScripts finds them: {@code ROOT/<split>/<city>/<stem>_polygons.json}
 * with stem {@code <city>_<seq>_<frame>_gt<Fine|Coarse>} (the glob {@code *_gt*_polygons.json}, names starting with
 * a dot left out as glob does), sorted by path.
 */
public final class GtFolder {

    private static final String POLYGONS = "_polygons.json";

    /** One frame's polygons file, the split and city folders it is in, and its stem. */
    public record FrameFile(Path json, String split, String city, String stem) {

        /** {@code <city>_<seq>_<frame>}: the stem without its {@code _gtFine} part (convert2panoptic's image id). */
        public String frameName() {
            int gt = stem.lastIndexOf("_gt");
            return stem.substring(0, gt);
        }

        /** The file {@code <stem>_<suffix>.png} next to the JSON, or under {@code outRoot} at the same relative path. */
        public Path png(Path outRoot, String suffix) {
            String name = stem + "_" + suffix + ".png";
            return outRoot == null ? json.resolveSibling(name) : outRoot.resolve(split).resolve(city).resolve(name);
        }
    }

    private GtFolder() {
    }

    public static List<FrameFile> frames(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw Files.exists(root) ? new NotDirectoryException(root.toString())
                    : new NoSuchFileException(root.toString());
        }
        List<FrameFile> frames = new ArrayList<>();
        for (Path split : folders(root)) {
            for (Path city : folders(split)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(city, GtFolder::isPolygons)) {
                    for (Path json : files) {
                        String name = json.getFileName().toString();
                        frames.add(new FrameFile(json, split.getFileName().toString(), city.getFileName().toString(),
                                name.substring(0, name.length() - POLYGONS.length())));
                    }
                }
            }
        }
        frames.sort(Comparator.comparing(f -> f.json().toString()));
        return frames;
    }

    private static boolean isPolygons(Path p) {
        String name = p.getFileName().toString();
        return !name.startsWith(".") && name.endsWith(POLYGONS) && name.lastIndexOf("_gt") >= 0
                && name.lastIndexOf("_gt") <= name.length() - POLYGONS.length() - 3 && Files.isRegularFile(p);
    }

    private static List<Path> folders(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> !p.getFileName().toString().startsWith(".") && Files.isDirectory(p))) {
            entries.forEach(out::add);
        }
        return out;
    }
}
