package dev.segpack.cli;

import dev.segpack.panoptic.PanopticToSemantic;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code segpack panoptic to-semantic}: panopticapi's panoptic2semantic_segmentation, PNG output. */
@Command(name = "to-semantic", mixinStandardHelpOptions = true,
        description = {"Write per image an 8-bit gray PNG of category ids (0 = void), named as its panoptic PNG,",
                "as panopticapi's panoptic2semantic_segmentation --semantic_seg_folder does."})
final class PanopticToSemanticCommand implements Callable<Integer> {

    @Mixin
    PanopticInputOptions input;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "Folder for the semantic PNGs (created if missing; each PNG written atomically).")
    Path outDir;

    @Option(names = "--things-other", description = "Merge every thing category into 183 ('other').")
    boolean thingsOther;

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress("panoptic to-semantic");
        PanopticToSemantic.Summary s = new PanopticToSemantic(
                new PanopticToSemantic.Options(thingsOther, input.mismatch(), input.threads), progress)
                .convert(input.json, input.pngs, input.categories, outDir);
        progress.finish();
        System.out.printf("panoptic to-semantic: %d images, %d segments, %.2f s -> %s%n",
                s.images(), s.segments(), s.seconds(), outDir);
        return 0;
    }
}
