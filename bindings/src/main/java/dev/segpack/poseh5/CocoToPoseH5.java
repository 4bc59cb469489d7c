package dev.segpack.poseh5;

import dev.segpack.coco.CocoFormatException;
import dev.segpack.coco.CocoIndex;
import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.simd.Kernels;
import dev.segpack.engine.simd.PoseEncoding;
import dev.segpack.image.ImageDecoder;
import dev.segpack.image.ImageFile;
import dev.segpack.io.Job;
import dev.segpack.io.OrderedPipeline;
import dev.segpack.io.Progress;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * {@code segpack coco pack-h5}: COCO person keypoints and their images → the person-pose HDF5
 * dataset (group {@code coco}, one [h, w, 4] dataset per annotated image: B, G, R and the packed
 * pose value, attribute {@code keypoints}). Images are decoded and packed on the ordered pipeline's
 * workers and written in images-table order by the calling thread; at most two images per worker
 * are in flight, so memory stays bounded whatever the dataset size.
 */
public final class CocoToPoseH5 extends Job<CocoToPoseH5.Options> {

    /** How a run behaves. */
    public record Options(int threads, H5Compression compression, PoseEncoding encoding,
            boolean skipMissingImages) {
    }

    /** What a run did. */
    public record Summary(int images, int withoutAnnotations, int missingImages, long instances, long crowd,
            double seconds, long outputBytes, String jpegBackend) {
    }

    /** One image ready to write, its pixels in a buffer of the run's {@link PixelBuffers}. */
    private record Packed(long imageId, int h, int w, MemorySegment pixels, int[][] keypoints,
            int instances, int crowd) {
    }

    public CocoToPoseH5(Options options, Progress progress, Consumer<String> warnings) {
        super(options, progress, warnings);
    }

    public Summary pack(Path annotations, Path imageDir, Path out) throws IOException {
        long start = System.nanoTime();
        List<ImageDecoder> decoders = new ArrayList<>();
        ThreadLocal<ImageDecoder> decoder = ThreadLocal.withInitial(() -> {
            ImageDecoder d = ImageDecoder.open();
            synchronized (decoders) {
                decoders.add(d);
            }
            return d;
        });
        int written = 0, without, missing = 0;
        long instances = 0, crowd = 0;
        try (CocoIndex coco = CocoIndex.load(annotations);
                PoseH5Writer writer = PoseH5Writer.create(out, options.compression());
                PixelBuffers buffers = new PixelBuffers()) {
            int total = coco.imageCount();
            int[] annotated = IntStream.range(0, total)
                    .filter(i -> coco.imageAnnotations(coco.imageId(i)).length > 0).toArray();
            without = total - annotated.length;
            // closing the pipeline waits for every worker: one may still be inside libjpeg-turbo with its decoder
            try (OrderedPipeline<Integer, Packed> pipeline = OrderedPipeline.of(Arrays.stream(annotated).iterator(),
                    img -> packImage(coco, img, imageDir, decoder.get(), buffers), Math.max(1, options.threads()))) {
                while (pipeline.hasNext()) {
                    Packed p = pipeline.take();
                    if (p == null) {
                        missing++;
                    } else {
                        if (options.encoding() == PoseEncoding.NARROW) {
                            writer.writeImage(p.imageId(), p.h(), p.w(), p.pixels(), p.keypoints());
                        } else {
                            writer.writeImage(p.imageId(), p.h(), p.w(), 4, PixelType.UINT16, p.pixels(), p.keypoints());
                        }
                        buffers.give(p.pixels());
                        written++;
                        instances += p.instances();
                        crowd += p.crowd();
                    }
                    progress.update(written + missing + without, total, "images");
                }
            } catch (IOException | RuntimeException e) {
                writer.abort();
                throw e;
            }
        } finally {
            decoders.forEach(ImageDecoder::close);
        }
        String backend = decoders.isEmpty() ? "none" : decoders.getFirst().jpegBackend().toString();
        return new Summary(written, without, missing, instances, crowd, secondsSince(start),
                Files.size(out), backend);
    }

    /** Decodes and packs one image; null when its file is missing and missing files are skipped. */
    private Packed packImage(CocoIndex coco, int img, Path imageDir, ImageDecoder decoder, PixelBuffers buffers)
            throws IOException {
        long id = coco.imageId(img);
        int h = coco.imageHeight(img), w = coco.imageWidth(img);
        String fileName = coco.imageFileName(img);
        if (fileName == null) {
            throw new CocoFormatException(coco.path() + ": image id " + id + " has no file_name");
        }
        Path file = imageDir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            if (options.skipMissingImages()) {
                warnings.accept("skipped image id " + id + ": " + file + " does not exist");
                return null;
            }
            throw new NoSuchFileException(file.toString(), null, "image id " + id + " has no file (use --skip-missing)");
        }
        List<PosePacker.Annotation> anns = new ArrayList<>();
        List<int[]> keypoints = new ArrayList<>();
        int crowd = 0;
        int firstPerson = -1;
        for (int a : coco.imageAnnotations(id)) {
            boolean isCrowd = coco.annotationIsCrowd(a);
            anns.add(new PosePacker.Annotation(coco.annToRle(a), isCrowd, coco.annotationNumKeypoints(a)));
            if (isCrowd) {
                crowd++;
                continue;
            }
            int[] kp = integerKeypoints(coco, a);
            // one attribute row per person: the rows of an image must be alike, as h5py needs them
            if (kp.length == 0) {
                throw new CocoFormatException(coco.path() + ": annotation " + coco.describe(a)
                        + " has no keypoints; a non-crowd person of image id " + id + " needs them");
            }
            if (firstPerson < 0) {
                firstPerson = a;
            } else if (kp.length != keypoints.get(0).length) {
                throw new CocoFormatException(coco.path() + ": annotation " + coco.describe(a) + " has " + kp.length
                        + " keypoint values, annotation " + coco.describe(firstPerson) + " of the same image id " + id
                        + " has " + keypoints.get(0).length);
            }
            keypoints.add(kp);
        }
        PoseEncoding encoding = options.encoding();
        long pixels = (long) h * w;
        MemorySegment bgr = null, pose = null, stored = null;
        try (Arena fileArena = Arena.ofConfined()) {
            ImageFile image = ImageFile.read(file, fileArena);
            int[] size = decoder.bgrSize(image);
            if (size[0] != h || size[1] != w) {
                throw new IOException(file + " is " + size[1] + "x" + size[0] + " but image id " + id
                        + " says " + w + "x" + h);
            }
            bgr = buffers.take(3 * pixels);
            decoder.decodeBgr(image, bgr);
            pose = buffers.take(pixels * encoding.bytes);
            try {
                PosePacker.pack(anns, h, w, encoding, pose);
            } catch (IllegalArgumentException e) {
                throw new CocoFormatException(coco.path() + ": image id " + id + ": " + e.getMessage()
                        + (encoding == PoseEncoding.NARROW ? " (--wide stores up to " + PoseEncoding.WIDE.maxInstances + ")" : ""), e);
            }
            stored = buffers.take(encoding.storedBytes(h, w));
            Kernels.interleavePose(bgr, pose, pixels, encoding, stored);
            Packed packed = new Packed(id, h, w, stored, keypoints.toArray(int[][]::new), keypoints.size(), crowd);
            stored = null;
            return packed;
        } finally {
            for (MemorySegment taken : new MemorySegment[] {bgr, pose, stored}) {
                if (taken != null) {
                    buffers.give(taken);
                }
            }
        }
    }

    /** COCO keypoints are whole numbers; the recipe stores them as int64. */
    private static int[] integerKeypoints(CocoIndex coco, int a) {
        double[] kp = coco.keypoints(a);
        int[] out = new int[kp.length];
        for (int i = 0; i < kp.length; i++) {
            out[i] = (int) kp[i];
            if (out[i] != kp[i]) {
                throw new CocoFormatException(coco.path() + ": annotation id " + coco.annotationId(a)
                        + ": keypoint value " + i + " is " + kp[i] + ", not an integer");
            }
        }
        return out;
    }
}
