package dev.segpack.cli;

import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.engine.eval.IouType;
import dev.segpack.eval.AnnotationPicture;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segpack coco show}: one image with its annotations, and optionally results coloured by their match. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Draw one image with its annotations as pycocotools' showAnns does (masks tinted, polygons"
                + " outlined, crowd regions in green, boxes, keypoint skeletons).",
                "With --dt, the results on it are coloured by their match at IoU 0.5 (true positive green, false"
                        + " positive red, matched to a crowd grey) and ground truth no result matched is outlined in"
                        + " yellow."})
final class CocoShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ann", required = true, paramLabel = "GT.json", description = "COCO annotation file.")
    Path annotations;

    @Mixin
    ImagesFolderOption images;

    @Option(names = "--image-id", required = true, paramLabel = "N", description = "The image to draw.")
    long imageId;

    @Option(names = "--dt", paramLabel = "RESULTS.json", description = "Results to draw, evaluated against the annotations.")
    Path results;

    @Option(names = "--iou-type", paramLabel = "bbox|segm|keypoints", description = "How results are matched (with --dt).")
    String iouType;

    @Option(names = "--out", required = true, paramLabel = "OUT.png", description = "PNG to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if ((results == null) != (iouType == null)) {
            throw new ParameterException(spec.commandLine(), "--dt and --iou-type go together");
        }
        try (CocoIndex gt = CocoIndex.load(annotations)) {
            IouType type = results == null ? null : switch (iouType) {
                case "bbox" -> IouType.BBOX;
                case "segm" -> IouType.SEGM;
                case "keypoints" -> IouType.KEYPOINTS;
                default -> throw new ParameterException(spec.commandLine(),
                        "--iou-type must be bbox, segm or keypoints, not " + iouType);
            };
            CocoResults dt = results == null ? null : CocoResults.load(results, gt, type);
            AnnotationPicture.write(out, gt, images.dir, imageId, dt, type);
        }
        System.out.println("coco show: image_id " + imageId + " -> " + out);
        return 0;
    }
}
