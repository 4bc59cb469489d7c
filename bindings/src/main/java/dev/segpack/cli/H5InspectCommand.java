package dev.segpack.cli;

import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.image.PngFile;
import dev.segpack.io.Plural;
import dev.segpack.poseh5.PoseH5Dataset;
import dev.segpack.poseh5.PosePreview;
import dev.segpack.poseh5.PoseSample;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segpack h5 inspect}: what a person-pose HDF5 file holds, and a picture of one image. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"List the images of a person-pose HDF5 file with their instance counts.",
                "With --id, one image's size, pose value layout and pixel counts; with --preview, a PNG of its"
                        + " instances, crowd and unannotated regions and keypoints."})
final class H5InspectCommand implements Callable<Integer> {

    @Option(names = "--in", required = true, paramLabel = "FILE.h5", description = "Pose HDF5 file (from segpack or the recipe).")
    Path in;

    @Option(names = "--id", paramLabel = "N", description = "Show this image's details.")
    Long id;

    @Option(names = "--preview", paramLabel = "OUT.png", description = "Write a preview PNG of --id (default: the first image).")
    Path preview;

    @Override
    public Integer call() throws Exception {
        try (PoseH5Dataset data = PoseH5Dataset.open(in)) {
            long[] ids = data.imageIds();
            if (id == null && preview == null) {
                long persons = 0;
                for (long imageId : ids) {
                    int n = data.keypoints(imageId).length;
                    persons += n;
                    PoseEncoding encoding = data.encoding(imageId);
                    System.out.printf("%d\t%s\t%s pose value (index bits 0-%d)%n", imageId, Plural.of(n, "instance"),
                            encoding.valueType(), encoding.indexBits - 1);
                }
                System.out.printf("h5 inspect: %s, %s: %s%n", Plural.of(ids.length, "image"), Plural.of(persons, "instance"),
                        in);
                return 0;
            }
            if (id == null && ids.length == 0) {
                throw new IOException(in + ": holds no images to preview");
            }
            long target = id != null ? id : ids[0];
            try (Arena arena = Arena.ofConfined()) {
                PoseSample s = data.read(target, arena);
                long pixels = (long) s.h() * s.w();
                PoseEncoding encoding = data.encoding(target);
                System.out.printf("image %d: %dx%d (width x height), %s pose value (index bits 0-%d, crowd bit %d,"
                                + " unannotated bit %d), %s, crowd %d px, unannotated %d px%n", target, s.w(), s.h(),
                        encoding.valueType(), encoding.indexBits - 1, encoding.indexBits, encoding.indexBits + 1,
                        Plural.of(s.instances(), "instance"), Kernels.countNonzero(s.crowd().data(), pixels),
                        Kernels.countNonzero(s.unannotated().data(), pixels));
                if (preview != null) {
                    PngFile.write(preview, PosePreview.render(s, arena));
                    System.out.println("h5 inspect: preview of image " + target + " -> " + preview);
                }
            }
        }
        return 0;
    }
}
