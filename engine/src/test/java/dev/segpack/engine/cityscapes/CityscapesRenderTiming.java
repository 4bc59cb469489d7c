package dev.segpack.engine.cityscapes;

import dev.segpack.engine.cityscapes.CityscapesFrames.Frame;
import dev.segpack.engine.mask.LabelMap;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Times rendering all five images of every {@code *_polygons.json} in a folder (JSON read once, outside
 * the timing; no PNG writing), one thread: {@code java -cp … CityscapesRenderTiming DIR [SECONDS]}.
 * Prints the median over rounds of the time for all frames, and per frame.
 */
public final class CityscapesRenderTiming {

    private CityscapesRenderTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith("_polygons.json")).sorted().toList();
        }
        List<Frame> frames = files.stream().map(CityscapesFrames::read).toList();
        CityscapesRenderer renderer = new CityscapesRenderer(LabelTable.cityscapes());
        try (Arena arena = Arena.ofConfined()) {
            List<Map<ImageType, LabelMap>> maps = new ArrayList<>();
            for (Frame f : frames) {
                maps.add(CityscapesRenderer.allocate(arena, f.h(), f.w(), EnumSet.allOf(ImageType.class)));
            }
            long[][] perFrame = new long[frames.size()][];
            List<long[]> rounds = new ArrayList<>();
            long warmupEnd = System.nanoTime() + (long) (seconds * 0.4e9);
            long end = warmupEnd + (long) (seconds * 0.6e9);
            while (System.nanoTime() < end) {
                long[] times = new long[frames.size()];
                for (int i = 0; i < frames.size(); i++) {
                    Frame f = frames.get(i);
                    long t0 = System.nanoTime();
                    renderer.render(f.h(), f.w(), f.objects(), maps.get(i));
                    times[i] = System.nanoTime() - t0;
                }
                if (System.nanoTime() > warmupEnd) {
                    rounds.add(times);
                }
            }
            long[] totals = rounds.stream().mapToLong(t -> Arrays.stream(t).sum()).sorted().toArray();
            System.out.printf("segpack CityscapesRenderer, 5 images, %d frames, %d rounds: median %.2f ms for all frames%n",
                    frames.size(), totals.length, totals[totals.length / 2] / 1e6);
            for (int i = 0; i < frames.size(); i++) {
                int frame = i;
                long[] t = rounds.stream().mapToLong(r -> r[frame]).sorted().toArray();
                System.out.printf("  %s %dx%d, %d objects: %.3f ms%n", files.get(i).getFileName(), frames.get(i).w(),
                        frames.get(i).h(), frames.get(i).objects().size(), t[t.length / 2] / 1e6);
            }
        }
    }
}
