package dev.segpack.cli;

import dev.segpack.coco.CocoIndex;
import dev.segpack.io.Plural;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code segpack coco info}: loads a COCO file into the index and says what is in it. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Load a COCO annotation file (as pycocotools' COCO() does) and print its counts and load time.")
final class CocoInfoCommand implements Callable<Integer> {

    @Mixin
    AnnotationFileOption in;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (CocoIndex coco = CocoIndex.load(in.file)) {
            double seconds = (System.nanoTime() - start) / 1e9;
            long crowd = 0;
            for (int a = 0; a < coco.annotationCount(); a++) {
                crowd += coco.annotationIsCrowd(a) ? 1 : 0;
            }
            System.out.printf("coco info: %s, %s (%d crowd), %s, loaded in %.3f s: %s%n",
                    Plural.of(coco.imageCount(), "image"), Plural.of(coco.annotationCount(), "annotation"), crowd,
                    Plural.of(coco.categoryCount(), "category"), seconds, in.file);
        }
        return 0;
    }
}
