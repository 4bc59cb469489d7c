package dev.segpack.cli;

import dev.segpack.cityscapes.CityscapesPanoptic;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack cityscapes to-panoptic}: createPanopticImgs.convert2panoptic for every split found. */
@Command(name = "to-panoptic", mixinStandardHelpOptions = true,
        description = {"Write COCO panoptic as cityscapesScripts' convert2panoptic does, for every split of ROOT.",
                "Per split DIR/cityscapes_panoptic_<split>[_trainId].json and the PNG folder of the same name. Each"
                        + " frame's *_instanceIds.png is used when present, else rendered from its polygons."})
final class CityscapesToPanopticCommand extends ConversionCommand {

    @Mixin
    CityscapesCommand.GtOption gt;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    Path out;

    @Option(names = "--trainids", description = "Category ids are trainIds (the _trainId files).")
    boolean trainIds;

    @Mixin
    CityscapesCommand.SkipInvalidOption invalid;

    @Override
    String convert(StderrProgress progress) throws Exception {
        CityscapesPanoptic.Summary s = new CityscapesPanoptic(new CityscapesPanoptic.Options(trainIds, invalid.skip,
                threads.count()), progress, progress::warn).convert(gt.root, out);
        return String.format(Locale.ROOT, "%s (%d instanceIds PNGs read, %d rendered from polygons)%s, %s, %s, %s -> %s",
                Plural.of(s.frames(), "frame"), s.read(), s.rendered(), s.skipped() > 0 ? ", " + s.skipped() + " skipped"
                        : "", Plural.of(s.segments(), "segment"), Plural.of(s.files().size(), "split"), Seconds.of(s.seconds()), out);
    }
}
