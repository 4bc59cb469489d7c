package dev.segpack.cityscapes;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.engine.cityscapes.Label;
import dev.segpack.engine.cityscapes.LabelTable;
import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.Order;
import dev.segpack.engine.rle.Bbox;
import dev.segpack.engine.rle.MaskApi;
import dev.segpack.engine.rle.Rle;
import dev.segpack.image.Image;
import dev.segpack.image.PixelFormat;
import dev.segpack.image.PngFile;
import dev.segpack.io.AtomicOutput;
import dev.segpack.io.Job;
import dev.segpack.io.Json;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import dev.segpack.panoptic.PanopticPng;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code createPanopticImgs.convert2panoptic} for every split of a folder: per split
 * {@code cityscapes_panoptic_<split>[_trainId].json} (images, annotations with segments_info, categories, as
 * {@code json.dump(sort_keys=True, indent=4)} writes them) and the PNG folder of the same name. Each frame's
 * instanceIds image is the dataset's {@code <stem>_instanceIds.png} when there is one, else rendered from its
 * polygons with labels.py's table (convert2panoptic's own). Per value v of that image: the class is v (v &lt; 1000,
 * iscrowd 1 for a class with instances) or v / 1000 (iscrowd 0); classes ignored in evaluation are left out; the
 * segment id is v, its colour [v % 256, v / 256, 0], area and bbox from its pixels. A frame that cannot be read or
 * drawn stops the run, or with {@code skipInvalid} is reported as a warning and left out (no PNG, no entries).
 */
public final class CityscapesPanoptic extends Job<CityscapesPanoptic.Options> {

    public record Options(boolean trainIds, boolean skipInvalid, int threads) {
    }

    public record Summary(long frames, long read, long rendered, long segments, long skipped, List<Path> files,
                          double seconds) {
    }

    private record Segment(int id, int categoryId, long area, Bbox bbox, int iscrowd) {
    }

    /** A frame converted, or (all else empty) why it was skipped. */
    private record Frame(GtFolder.FrameFile file, int h, int w, List<Segment> segments, boolean rendered,
                         String skipped) {
    }

    private final LabelTable table = LabelTable.cityscapes();

    public CityscapesPanoptic(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
    }

    public Summary convert(Path root, Path outDir) throws IOException {
        long start = System.nanoTime();
        List<GtFolder.FrameFile> all = GtFolder.frames(root);
        Map<String, List<GtFolder.FrameFile>> splits = new LinkedHashMap<>();
        for (GtFolder.FrameFile f : all) {
            splits.computeIfAbsent(f.split(), k -> new ArrayList<>()).add(f);
        }
        long done = 0, rendered = 0, segments = 0, skipped = 0;
        List<Path> written = new ArrayList<>();
        try (CityscapesFrames frames = new CityscapesFrames(table)) {
            for (Map.Entry<String, List<GtFolder.FrameFile>> split : splits.entrySet()) {
                String base = "cityscapes_panoptic_" + split.getKey() + (options.trainIds() ? "_trainId" : "");
                Path pngDir = Files.createDirectories(outDir.resolve(base));
                List<Frame> converted = new ArrayList<>();
                try (OrderedPipeline<GtFolder.FrameFile, Frame> pipeline = OrderedPipeline.of(
                        split.getValue().iterator(), f -> frame(frames, f, pngDir), options.threads())) {
                    while (pipeline.hasNext()) {
                        Frame f = pipeline.take();
                        if (f.skipped() != null) {
                            warnings.accept("skipped " + f.skipped());
                            skipped++;
                        } else {
                            converted.add(f);
                            rendered += f.rendered() ? 1 : 0;
                            segments += f.segments().size();
                        }
                        progress.update(++done, all.size(), "frames");
                    }
                }
                Path json = outDir.resolve(base + ".json");
                writeJson(json, converted);
                written.add(json);
            }
        }
        return new Summary(done - skipped, done - skipped - rendered, rendered, segments, skipped, written,
                secondsSince(start));
    }

    private Frame frame(CityscapesFrames frames, GtFolder.FrameFile file, Path pngDir) throws IOException {
        try {
            return converted(frames, file, pngDir);
        } catch (CityscapesFormatException e) {
            if (!options.skipInvalid()) {
                throw e;
            }
            return new Frame(file, 0, 0, List.of(), false, e.getMessage());
        }
    }

    /** The frame's segments, its panoptic PNG written once every check has passed. */
    private Frame converted(CityscapesFrames frames, GtFolder.FrameFile file, Path pngDir) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path png = file.png(null, ImageType.INSTANCE_IDS.suffix());
            boolean render = !Files.exists(png);
            LabelMap ids = render ? frames.render(file, Set.of(ImageType.INSTANCE_IDS)).maps().get(ImageType.INSTANCE_IDS)
                    : read(png, arena);
            List<Segment> segments = new ArrayList<>();
            boolean[] kept = new boolean[1 << 16];
            for (Map.Entry<Integer, Rle> e : MaskApi.encodeLabels(ids).entrySet()) {
                int v = e.getKey();
                int semantic = v < 1000 ? v : v / 1000;
                Label label = table.byId(semantic).orElseThrow(() -> new CityscapesFormatException(
                        (render ? file.json() : png) + ": instance value " + v + " is of label id " + semantic
                                + ", which labels.py does not have"));
                if (label.ignoreInEval()) {
                    continue;
                }
                kept[v] = true;
                segments.add(new Segment(v, options.trainIds() ? label.trainId() : label.id(), MaskApi.area(e.getValue()),
                        MaskApi.toBbox(e.getValue()), v < 1000 && label.hasInstances() ? 1 : 0));
            }
            LabelMap panoptic = LabelMap.allocate(arena, ids.h(), ids.w(), LabelMap.LabelType.INT32, Order.ROW_MAJOR);
            for (long i = 0; i < ids.pixels(); i++) {
                int v = ids.getFlat(i);
                if (kept[v]) {
                    panoptic.setFlat(i, v);
                }
            }
            PanopticPng.writeIds(pngDir.resolve(file.stem() + "_panoptic.png"), panoptic);
            return new Frame(file, ids.h(), ids.w(), segments, render, null);
        }
    }

    /** A 16-bit (or 8-bit) grey instanceIds PNG as a label map; a file that cannot be decoded is a bad frame. */
    private static LabelMap read(Path png, Arena arena) {
        Image image;
        try {
            image = PngFile.read(png, arena);
        } catch (IOException e) {
            throw new CityscapesFormatException(e.getMessage(), e);
        }
        if (image.format() != PixelFormat.GRAY) {
            throw new CityscapesFormatException(png + ": an instanceIds PNG is grey, not " + image.format());
        }
        return image.asLabelMap();
    }

    /** The JSON as convert2panoptic's {@code json.dump(d, f, sort_keys=True, indent=4)} writes it. */
    private void writeJson(Path path, List<Frame> frames) throws IOException {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter python = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
                .withObjectEmptySeparator("").withRootSeparator(""))
                .withArrayIndenter(indent).withObjectIndenter(indent);
        try (AtomicOutput target = new AtomicOutput(path)) {
            try (OutputStream os = new BufferedOutputStream(target.stream(), 1 << 16);
                    JsonGenerator gen = Json.FACTORY.createGenerator(os, JsonEncoding.UTF8)) {
                gen.setPrettyPrinter(python);
                gen.writeStartObject();
                gen.writeArrayFieldStart("annotations");
                for (Frame f : frames) {
                    gen.writeStartObject();
                    gen.writeStringField("file_name", f.file().stem() + "_panoptic.png");
                    gen.writeStringField("image_id", f.file().frameName());
                    gen.writeArrayFieldStart("segments_info");
                    for (Segment s : f.segments()) {
                        gen.writeStartObject();
                        gen.writeNumberField("area", s.area());
                        gen.writeArrayFieldStart("bbox");
                        for (double v : s.bbox().toArray()) {
                            gen.writeNumber((long) v);
                        }
                        gen.writeEndArray();
                        gen.writeNumberField("category_id", s.categoryId());
                        gen.writeNumberField("id", s.id());
                        gen.writeNumberField("iscrowd", s.iscrowd());
                        gen.writeEndObject();
                    }
                    gen.writeEndArray();
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeArrayFieldStart("categories");
                for (Label label : table.labels()) {
                    if (label.ignoreInEval()) {
                        continue;
                    }
                    gen.writeStartObject();
                    gen.writeArrayFieldStart("color");
                    gen.writeNumber(label.color().red());
                    gen.writeNumber(label.color().green());
                    gen.writeNumber(label.color().blue());
                    gen.writeEndArray();
                    gen.writeNumberField("id", options.trainIds() ? label.trainId() : label.id());
                    gen.writeNumberField("isthing", label.hasInstances() ? 1 : 0);
                    gen.writeStringField("name", label.name());
                    gen.writeStringField("supercategory", label.category());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeArrayFieldStart("images");
                for (Frame f : frames) {
                    gen.writeStartObject();
                    gen.writeStringField("file_name", f.file().stem() + "_leftImg8bit.png");
                    gen.writeNumberField("height", f.h());
                    gen.writeStringField("id", f.file().frameName());
                    gen.writeNumberField("width", f.w());
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeEndObject();
            }
            target.commit();
        }
    }
}
