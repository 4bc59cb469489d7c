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
    }

    @Provide
    Arbitrary<Case> polygons() {
        Arbitrary<Double> coordinate = Arbitraries.oneOf(
                Arbitraries.doubles().between(-20, 120).ofScale(2),
                Arbitraries.integers().between(-5, 60).map(Integer::doubleValue),
                Arbitraries.doubles().between(-1, 1).ofScale(1));
        Arbitrary<double[]> xy = coordinate.array(double[].class).ofMinSize(0).ofMaxSize(60);
        return Combinators.combine(xy, Arbitraries.integers().between(0, 70), Arbitraries.integers().between(0, 90))
                .as(Case::new);
    }

    @Property(tries = 3000)
    void equalsTheLiteralTranscription(@ForAll("polygons") Case c) {
        Rle expected = LiteralPolygonRaster.rasterise(c.xy(), c.h(), c.w());
        Rle actual = PolygonRaster.rasterise(c.xy(), c.h(), c.w());
        assertEquals(expected, actual);
    }

    @Provide
    Arbitrary<Case> polygonsReachingFarOutside() {
        // far enough that most of every edge is outside, near enough that the literal walk stays small
        Arbitrary<Double> coordinate = Arbitraries.oneOf(
                Arbitraries.doubles().between(-20_000, 20_000).ofScale(2),
                Arbitraries.integers().between(-20_000, 20_000).map(Integer::doubleValue),
                Arbitraries.doubles().between(-20, 120).ofScale(2));
        Arbitrary<double[]> xy = coordinate.array(double[].class).ofMinSize(6).ofMaxSize(16);
        return Combinators.combine(xy, Arbitraries.integers().between(1, 70), Arbitraries.integers().between(1, 90))
                .as(Case::new);
    }

    @Property(tries = 500)
    void equalsTheLiteralTranscriptionFarOutside(@ForAll("polygonsReachingFarOutside") Case c) {
        Rle expected = LiteralPolygonRaster.rasterise(c.xy(), c.h(), c.w());
        Rle actual = PolygonRaster.rasterise(c.xy(), c.h(), c.w());
        assertEquals(expected, actual);
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
