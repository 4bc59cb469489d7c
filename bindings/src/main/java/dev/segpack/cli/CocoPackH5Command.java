package dev.segpack.cli;

import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.image.JpegDecoder;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import dev.segpack.poseh5.CocoToPoseH5;
import dev.segpack.poseh5.H5Compression;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code segpack coco pack-h5}: COCO person keypoints + images → the person-pose HDF5 dataset. */
@Command(name = "pack-h5", mixinStandardHelpOptions = true,
        description = {"Build the person-pose HDF5 dataset of COCO person keypoints and their images.",
                "Group 'coco' holds one uint8 [h,w,4] dataset per annotated image (B, G, R and the packed byte:"
                        + " instance index in bits 0-5, crowd bit 6, unannotated bit 7) with attribute 'keypoints', the"
                        + " non-crowd instances' keypoints. Images without annotations are skipped."})
final class CocoPackH5Command extends ConversionCommand {

    @Option(names = "--ann", required = true, paramLabel = "KEYPOINTS.json", description = "COCO person keypoints file.")
    Path annotations;

    @Mixin
    ImagesFolderOption images;

    @Option(names = "--out", required = true, paramLabel = "OUT.h5", description = "HDF5 file to write (temp file renamed at the end).")
    Path out;

    @Option(names = "--compression", paramLabel = "none|gzip[:LEVEL]", description = "Dataset compression (default none; gzip level 4).")
    String compression = "none";

    @Option(names = "--wide", description = "uint16 [h,w,4] datasets (B, G, R widened; pose value: index bits 0-13,"
            + " crowd bit 14, unannotated bit 15) for images with more than 63 non-crowd instances.")
    boolean wide;

    @Option(names = "--skip-missing", description = "Skip images whose file is missing (counted) instead of stopping.")
    boolean skipMissing;

    CocoPackH5Command() {
        // built only when a command line names pack-h5: libjpeg-turbo then loads while picocli and the index work
        JpegDecoder.loadInBackground();
    }

    @Override
    String convert(StderrProgress progress) throws Exception {
        CocoToPoseH5.Summary s = new CocoToPoseH5(
                        new CocoToPoseH5.Options(threads.count(), parseCompression(),
                                wide ? PoseEncoding.WIDE : PoseEncoding.NARROW, skipMissing),
                        progress, progress::warn)
                .pack(annotations, images.dir, out);
        return String.format(Locale.ROOT, "%s (%s, %d crowd), %d without annotations skipped,"
                        + " %d missing, %s (%.1f images/s), %.1f MB, jpeg %s -> %s",
                Plural.of(s.images(), "image"), Plural.of(s.instances(), "instance"), s.crowd(),
                s.withoutAnnotations(), s.missingImages(), Seconds.of(s.seconds()),
                s.images() / Math.max(1e-9, s.seconds()), s.outputBytes() / 1e6, s.jpegBackend(), out);
    }

    private H5Compression parseCompression() {
        if (compression.equals("none")) {
            return H5Compression.none();
        }
        if (compression.equals("gzip")) {
            return H5Compression.gzip(4);
        }
        if (compression.startsWith("gzip:")) {
            try {
                return H5Compression.gzip(Integer.parseInt(compression.substring(5)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--compression: gzip level must be 0..9, not "
                        + compression.substring(5));
            }
        }
        throw new ParameterException(spec.commandLine(), "--compression must be none, gzip or gzip:LEVEL, not " + compression);
    }
}
