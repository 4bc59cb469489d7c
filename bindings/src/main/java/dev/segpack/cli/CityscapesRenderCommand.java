package dev.segpack.cli;

import dev.segpack.cityscapes.CityscapesRender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    CityscapesRenderOptions options;

    @Mixin
    CityscapesCommand.SkipInvalidOption invalid;

    @Override
    String convert(StderrProgress progress) throws Exception {
        CityscapesRender.Summary s = new CityscapesRender(options.renderOptions(invalid.skip, threads.count()), progress,
                progress::warn).render(options.root());
        return options.summary(s);
    }
}
