package dev.segpack.cli;

import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.panoptic.PanopticToSemantic;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack panoptic to-semantic}: panopticapi's panoptic2semantic_segmentation, PNG output. */
@Command(name = "to-semantic", mixinStandardHelpOptions = true,
        description = {"Write a semantic PNG per panoptic image: 8-bit gray category ids, 0 = void.",
                "Each is named as its panoptic PNG, as panopticapi's panoptic2semantic_segmentation"
                        + " --semantic_seg_folder does."})
final class PanopticToSemanticCommand extends ConversionCommand {

    @Mixin
    PanopticInputOptions input;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "Folder for the semantic PNGs (created if missing; each PNG written atomically).")
    Path outDir;

    @Option(names = "--things-other", description = "Merge every thing category into 183 ('other').")
    boolean thingsOther;

    @Override
    String convert(StderrProgress progress) throws Exception {
        PanopticToSemantic.Summary s = new PanopticToSemantic(
                new PanopticToSemantic.Options(thingsOther, input.mismatch(), threads.count()), progress)
                .convert(input.json, input.pngs, input.categories, outDir);
        return String.format("%s, %s, %s -> %s", Plural.of(s.images(), "image"), Plural.of(s.segments(), "segment"),
                Seconds.of(s.seconds()), outDir);
    }
}
