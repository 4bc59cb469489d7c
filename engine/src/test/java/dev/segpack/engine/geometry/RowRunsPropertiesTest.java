package dev.segpack.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Spans painted into runs leave the pixels painting them one by one leaves, in runs no two neighbours of which are equal. */
class RowRunsPropertiesTest {

    record Span(int y, int x0, int x1, int value) {
    }

    record Case(int h, int w, List<Span> spans) {
    }

    @Provide
    Arbitrary<Case> paintings() {
        return Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 40))
                .flatAs((h, w) -> {
                    Arbitrary<Integer> x = Arbitraries.integers().between(0, w - 1);
                    Arbitrary<Span> span = Combinators.combine(Arbitraries.integers().between(0, h - 1), x, x,
                            Arbitraries.integers().between(0, 3)).as((y, a, b, v) -> new Span(y, Math.min(a, b),
                            Math.max(a, b), v));
                    return span.list().ofMaxSize(60).map(spans -> new Case(h, w, spans));
                });
    }

    @Property(tries = 3000)
    void runsHoldThePaintedPixels(@ForAll("paintings") Case c) {
        RowRuns runs = new RowRuns();
        runs.reset(3, 7); // reused: a smaller image before
        runs.paint(1, 2, 5, 9);
        runs.reset(c.h(), c.w());
        int[] pixels = new int[c.h() * c.w()];
        for (Span s : c.spans()) {
            runs.paint(s.y(), s.x0(), s.x1(), s.value());
            for (int x = s.x0(); x <= s.x1(); x++) {
                pixels[s.y() * c.w() + x] = s.value();
            }
        }
        int[] fromRuns = new int[pixels.length];
        for (int y = 0; y < c.h(); y++) {
            assertTrue(runs.count(y) >= 1 && runs.start(y, 0) == 0);
            for (int i = 0; i < runs.count(y); i++) {
                int end = i + 1 < runs.count(y) ? runs.start(y, i + 1) : c.w();
                assertTrue(end > runs.start(y, i), "runs ascend");
                assertTrue(i == 0 || runs.value(y, i) != runs.value(y, i - 1), "neighbours differ");
                for (int x = runs.start(y, i); x < end; x++) {
                    fromRuns[y * c.w() + x] = runs.value(y, i);
                }
            }
        }
        assertArrayEquals(pixels, fromRuns, c.toString());
    }
}
