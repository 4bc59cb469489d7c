package dev.segpack.engine.rle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.FutureTask;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The optimised rasteriser equals a literal transcription of rleFrPoly on any polygon, also on
 * polygons reaching far outside the image (whose steps outside the image it skips).
 */
class PolygonRasterPropertiesTest {

    record Case(double[] xy, int h, int w) {
        void assertRasterisedAsTheLiteralTranscriptionDoes() {
            assertEquals(LiteralPolygonRaster.rasterise(xy, h, w), PolygonRaster.rasterise(xy, h, w));
        }
    }

    /** Polygons of minCoordinates..maxCoordinates numbers from {@code coordinate} on images of minSide..70 x minSide..90. */
    private static Arbitrary<Case> cases(Arbitrary<Double> coordinate, int minCoordinates, int maxCoordinates, int minSide) {
        Arbitrary<double[]> xy = coordinate.array(double[].class).ofMinSize(minCoordinates).ofMaxSize(maxCoordinates);
        return Combinators.combine(xy, Arbitraries.integers().between(minSide, 70),
                Arbitraries.integers().between(minSide, 90)).as(Case::new);
    }

    @Provide
    Arbitrary<Case> polygons() {
        return cases(Arbitraries.oneOf(
                Arbitraries.doubles().between(-20, 120).ofScale(2),
                Arbitraries.integers().between(-5, 60).map(Integer::doubleValue),
                Arbitraries.doubles().between(-1, 1).ofScale(1)), 0, 60, 0);
    }

    @Property(tries = 3000)
    void equalsTheLiteralTranscription(@ForAll("polygons") Case c) {
        c.assertRasterisedAsTheLiteralTranscriptionDoes();
    }

    @Provide
    Arbitrary<Case> polygonsReachingFarOutside() {
        // far enough that most of every edge is outside, near enough that the literal walk stays small
        return cases(Arbitraries.oneOf(
                Arbitraries.doubles().between(-20_000, 20_000).ofScale(2),
                Arbitraries.integers().between(-20_000, 20_000).map(Integer::doubleValue),
                Arbitraries.doubles().between(-20, 120).ofScale(2)), 6, 16, 1);
    }

    @Property(tries = 500)
    void equalsTheLiteralTranscriptionFarOutside(@ForAll("polygonsReachingFarOutside") Case c) {
        c.assertRasterisedAsTheLiteralTranscriptionDoes();
    }

    /**
     * Exactly as many flips as a thread's scratch arrays start with (found by fuzzing: h·w went one
     * past their end), in a new thread so that the scratch has not grown.
     */
    @Example
    void aPolygonWithExactlyTheInitialScratchCapacityOfFlips() throws Exception {
        double[] rectangle = {-1, 2, 130, 2, 130, 7, -1, 7}; // 128 columns, each crossed twice: 256 flips
        FutureTask<Rle> fresh = new FutureTask<>(() -> PolygonRaster.rasterise(rectangle, 10, 128));
        Thread.ofPlatform().start(fresh);
        assertEquals(LiteralPolygonRaster.rasterise(rectangle, 10, 128), fresh.get());
    }
}
