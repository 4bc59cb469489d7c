package dev.segpack.maskimg;

import dev.segpack.dataset.ImageInfo;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.image.ImageDecoder;
import dev.segpack.image.ImageFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mask files of one image into its objects, each file's bytes from its {@link ImageFile.Source}
 * (the file system, or what a Spark task's file source read); safe to call from many threads when the
 * source is (each keeps its own contour and component scratch). Every failure names the file: an unreadable image or mask, a
 * mask whose size differs from its image (or from the image's first mask when no images are given).
 */
final class MaskImageLoader {

    private final MaskImportOptions options;
    private final CategoryMap map;
    private final boolean contours;
    private final ImageFile.Source files;
    private final ThreadLocal<ObjectExtractor> extractor = ThreadLocal.withInitial(ObjectExtractor::new);

    MaskImageLoader(MaskImportOptions options, CategoryMap map, boolean contours, ImageFile.Source files) {
        this.options = options;
        this.map = map;
        this.contours = contours;
        this.files = files;
    }

    static CategoryMap readMap(MaskImportOptions options) throws IOException {
        return options.categories() == null ? null : CategoryMap.read(options.categories());
    }

    ImageObjects load(MaskLayout.ImageGroup group) {
        try {
            return read(group);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private ImageObjects read(MaskLayout.ImageGroup group) throws IOException {
        int h = -1, w = -1;
        String sizeSource = null;
        String fileName = group.stem() + options.imageExt();
        if (group.image() != null) {
            int[] size;
            try (Arena file = Arena.ofConfined(); ImageDecoder decoder = ImageDecoder.open()) {
                size = decoder.bgrSize(files.open(group.image(), file));
            } catch (IOException e) {
                throw new IOException("cannot read the size of image " + group.image() + ": " + e.getMessage(), e);
            }
            h = size[0];
            w = size[1];
            sizeSource = "its image " + group.image();
            fileName = group.image().getFileName().toString();
        }
        List<ExtractedObject> objects = new ArrayList<>();
        int empty = 0, small = 0;
        ObjectExtractor ex = extractor.get();
        for (MaskLayout.MaskFile file : group.masks()) {
            try (Arena arena = Arena.ofConfined()) {
                List<ExtractedObject> found;
                int mh, mw;
                if (file.label() < 0) {
                    LabelMap entries = MaskDecoder.readEntries(files.open(file.path(), arena), map, arena);
                    mh = entries.h();
                    mw = entries.w();
                    checkSize(file, mh, mw, h, w, sizeSource);
                    found = ex.entries(entries, map.entries().size(), options.instances(), contours, arena);
                } else {
                    Mask mask = MaskDecoder.readBinary(files.open(file.path(), arena), options.threshold(),
                            arena);
                    mh = mask.h();
                    mw = mask.w();
                    checkSize(file, mh, mw, h, w, sizeSource);
                    found = ex.binary(mask, file.label(), options.instances(), contours, arena);
                }
                if (h < 0) {
                    h = mh;
                    w = mw;
                    sizeSource = "mask " + file.path() + " of the same image";
                }
                if (found.isEmpty()) {
                    empty++;
                }
                for (ExtractedObject o : found) {
                    if (MaskApi.area(o.rle()) < options.minArea()) {
                        small++;
                    } else {
                        objects.add(o);
                    }
                }
            } catch (IOException | RuntimeException e) {
                String message = e.getMessage() != null ? e.getMessage() : e.toString();
                throw new IOException(message.contains(file.path().toString()) ? message
                        : file.path() + ": " + message, e);
            }
        }
        return new ImageObjects(group.stem(), new ImageInfo(fileName, Math.max(h, 0), Math.max(w, 0)), objects,
                group.masks().size(), empty, small);
    }

    private static void checkSize(MaskLayout.MaskFile file, int mh, int mw, int h, int w, String sizeSource)
            throws IOException {
        if (h >= 0 && (mh != h || mw != w)) {
            throw new IOException("mask " + file.path() + " is " + mw + "x" + mh + " (w x h) but " + sizeSource
                    + " is " + w + "x" + h);
        }
    }
}
