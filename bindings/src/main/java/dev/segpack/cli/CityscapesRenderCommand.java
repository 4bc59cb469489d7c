package dev.segpack.cli;

import dev.segpack.cityscapes.CityscapesRender;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.io.Plural;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code segpack cityscapes render}: json2labelImg / json2instanceImg over a whole folder. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render each frame's label and instance images exactly as cityscapesScripts 2.2.4 (Pillow 9.4) does.",
                "For every ROOT/<split>/<city>/<stem>_polygons.json and type: <stem>_<type>.png next to the JSON, or under"
                        + " --out at the same relative path. labelIds/labelTrainIds: 8-bit grey; color: RGBA;"
                        + " instanceIds/instanceTrainIds: 16-bit grey (id*1000+k for instances)."},
        footer = {"", "A frame that cannot be drawn (malformed JSON, no imgWidth/imgHeight, a polygon of one point, an"
                + " unknown label) stops the run with one line naming the file and the object index, or with"
                + " --skip-invalid is reported and left out. Every PNG is written to a temp file and renamed."})
final class CityscapesRenderCommand extends ConversionCommand {

    @Mixin
    CityscapesCommand.GtOption gt;

    @Option(names = "--out", paramLabel = "DIR", description = "Output root (default: next to each JSON).")
    Path out;

    @Option(names = "--types", paramLabel = "TYPE[,TYPE...]", split = ",",
            defaultValue = "labelIds,labelTrainIds,color,instanceIds,instanceTrainIds",
            description = "Images to write (default: all five).")
    String[] types;

    @Mixin
    CityscapesCommand.LabelsOption labels;

    @Mixin
    CityscapesCommand.SkipInvalidOption invalid;

    @Override
    String convert(StderrProgress progress) throws Exception {
        Set<ImageType> selected = EnumSet.noneOf(ImageType.class);
        for (String t : types) {
            try {
                selected.add(ImageType.ofSuffix(t.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--types: " + e.getMessage());
            }
        }
        CityscapesRender.Summary s = new CityscapesRender(new CityscapesRender.Options(selected, labels.table(), out,
                invalid.skip, threads.count()), progress, progress::warn).render(gt.root);
        return String.format(Locale.ROOT, "%s, %s, %s written%s, %.2f s -> %s", Plural.of(s.frames(), "frame"),
                Plural.of(s.objects(), "object"), Plural.of(s.images(), "image"),
                s.skipped() > 0 ? ", " + s.skipped() + " skipped" : "", s.seconds(), out != null ? out : gt.root);
    }
}
