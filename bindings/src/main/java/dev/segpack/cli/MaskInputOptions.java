package dev.segpack.cli;

import dev.segpack.maskimg.MaskImportOptions;
import dev.segpack.maskimg.MaskLayout;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that say where mask images are and how to read them (masks to-coco, coco export --masks, and
 * the Spark job masks-to-parquet).
 */
public final class MaskInputOptions {

    @Option(names = "--images", paramLabel = "DIR",
            description = "Images folder: gives each image's file_name and size (read from the header; a mask of"
                    + " another size is an error) and lists images that have no mask.")
    Path images;

    @Option(names = "--categories", paramLabel = "MAP.json",
            description = "Category map: {\"1\":\"person\",…} (pixel value = COCO id -> name) or"
                    + " {\"categories\":[{\"id\":1,\"name\":\"person\",\"supercategory\":\"\",\"value\":1 |"
                    + " \"color\":[r,g,b]},…],\"background\":[0,255]}. Required for multi-valued maps.")
    Path categories;

    @Option(names = "--layout", paramLabel = "KIND", defaultValue = "auto",
            description = "auto | flat | folders | map (see masks to-coco --help). auto: folders when the masks"
                    + " folder has subfolders, else map when the category map gives pixel values, else flat.")
    String layout;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "-1",
            description = "Binary masks: foreground is value > T (default: 127 for JPEG, so compression noise"
                    + " stays background, 0 for PNG).")
    int threshold;

    @Option(names = "--instances",
            description = "Split each mask, and each value of a map, into 8-connected components, one object each.")
    boolean instances;

    @Option(names = "--min-area", paramLabel = "N", defaultValue = "0",
            description = "Leave out objects of fewer than N pixels.")
    long minArea;

    @Option(names = "--image-ext", paramLabel = "EXT", defaultValue = ".jpg",
            description = "Without --images, file_name is <image_stem>EXT (default: .jpg).")
    String imageExt;

    /** The options for the masks in {@code masks}; an unknown --layout is a usage error of {@code command}. */
    public MaskImportOptions toOptions(Path masks, CommandSpec command) {
        MaskLayout.Kind kind = switch (layout) {
            case "auto" -> MaskLayout.Kind.AUTO;
            case "flat" -> MaskLayout.Kind.FLAT;
            case "folders" -> MaskLayout.Kind.FOLDERS;
            case "map" -> MaskLayout.Kind.MAP;
            default -> throw new ParameterException(command.commandLine(), "--layout is '" + layout
                    + "'; expected auto, flat, folders or map");
        };
        return new MaskImportOptions(masks, images, categories, kind, threshold, instances, minArea, imageExt);
    }

    /** The naming convention, for --help: a table, laid out by hand to fit 80 columns. */
    static final String NAMING = """
            Mask files (.png, .jpg, .jpeg; other files are ignored), by --layout:
              flat     MASKS/<image_stem>_<category>_<k>.png   one object per file,
                       k an instance number; the image stem may contain '_'
              folders  MASKS/<category>/<image_stem>_<k>.png   a folder per category
              map      MASKS/<image_stem>.png   one multi-valued map per image:
                       8/16-bit gray or palette PNG (values), or RGB (colours)""";

    /** What a binary mask's pixel values and the categories are, for --help. */
    static final String MASK_VALUES = "A binary mask pixel's value is its gray sample (the index in a palette PNG;"
            + " cv2's BGR2GRAY luma in a colour PNG or a JPEG). Without --categories, categories are the names found,"
            + " sorted, ids 1, 2, ...";
}
