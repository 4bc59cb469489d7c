package dev.segpack.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.engine.mask.LabelMap;
import dev.segpack.engine.mask.LabelMap.LabelType;
import dev.segpack.engine.mask.Order;
import java.lang.foreign.Arena;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The optimised fill equals the literal transcription of the rule on any polygon, in every map type. */
class PillowPolygonFillPropertiesTest {

    record Case(double[] xy, int h, int w) {
    }

    @Provide
    Arbitrary<Case> polygons() {
        Arbitrary<Double> coordinate = Arbitraries.oneOf(
                Arbitraries.integers().between(-15, 70).map(Integer::doubleValue),
                Arbitraries.integers().between(-30, 140).map(v -> v / 2.0),
                Arbitraries.doubles().between(-20, 80).ofScale(3),
                Arbitraries.doubles().between(-1, 1).ofScale(2),
                Arbitraries.integers().between(-400, 400).map(Integer::doubleValue));
        Arbitrary<double[]> xy = Arbitraries.integers().between(2, 40).flatMap(n ->
                coordinate.array(double[].class).ofSize(2 * n));
        return Combinators.combine(xy, Arbitraries.integers().between(0, 60), Arbitraries.integers().between(0, 70))
                .as(Case::new);
    }

    @Provide
    Arbitrary<Case> flatPolygons() {
        // many horizontal edges and shared rows: every other vertex repeats the previous y
        Arbitrary<int[]> ints = Arbitraries.integers().between(-5, 30).array(int[].class).ofMinSize(4).ofMaxSize(40);
        return Combinators.combine(ints, Arbitraries.integers().between(1, 30), Arbitraries.integers().between(1, 30))
                .as((v, h, w) -> {
                    double[] xy = new double[(v.length / 2) * 2];
                    for (int i = 0; i < xy.length; i += 2) {
                        xy[i] = v[i];
                        xy[i + 1] = (i / 2) % 2 == 1 ? xy[i - 1] : v[i + 1];
                    }
                    return new Case(xy, h, w);
                });
    }

    @Property(tries = 3000)
    void equalsTheLiteralRule(@ForAll("polygons") Case c) {
        assertFillsLikeTheLiteralRule(c);
    }

    @Property(tries = 1000)
    void equalsTheLiteralRuleWithHorizontalEdges(@ForAll("flatPolygons") Case c) {
        assertFillsLikeTheLiteralRule(c);
    }

    private static void assertFillsLikeTheLiteralRule(Case c) {
        byte[] expected = LiteralPillowPolygon.fill(c.xy(), c.h(), c.w());
        PillowPolygonFill fill = new PillowPolygonFill();
        try (Arena arena = Arena.ofConfined()) {
            for (LabelType type : LabelType.values()) {
                LabelMap map = LabelMap.allocate(arena, c.h(), c.w(), type, Order.ROW_MAJOR);
                fill.fill(map, c.xy(), 1);
                byte[] actual = new byte[c.h() * c.w()];
                for (int i = 0; i < actual.length; i++) {
                    int v = map.getFlat(i);
                    assertEquals(v & 1, v, "only 0 or 1 is painted");
                    actual[i] = (byte) v;
                }
                assertArrayEquals(expected, actual, type.toString());
            }
        }
    }
}
