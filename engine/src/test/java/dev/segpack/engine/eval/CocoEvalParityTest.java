package dev.segpack.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.Testdata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case pycocotools' COCOeval was recorded on (testdata/eval/expected.jsonl.gz): the parameters
 * as given, normalised as evaluate() does; precision, recall and scores element for element and the
 * stats exactly, the printed lines character for character; on the calling thread and on three threads.
 */
class CocoEvalParityTest {

    private static final ForkJoinPool POOL = new ForkJoinPool(3);

    @AfterAll
    static void closePool() {
        POOL.close();
    }

    static Stream<Arguments> cases() {
        return Testdata.jsonLines("eval/expected.jsonl.gz").stream()
                .map(row -> Arguments.of(row.get("case").asText(), row));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPycocotools(String name, JsonNode row) {
        IouType type = IouType.valueOf(row.get("iouType").asText().toUpperCase());
        EvalParams params = params(type, row.get("params"), row.get("given"));
        JsonNode used = row.get("params");
        assertArrayEquals(longs(used.get("imgIds")), params.imgIds(), name + " imgIds");
        assertArrayEquals(longs(used.get("catIds")), params.catIds(), name + " catIds");
        assertArrayEquals(Testdata.ints(used.get("maxDets")), params.maxDets(), name + " maxDets");
        assertArrayEquals(Testdata.doubles(used.get("iouThrs")), params.iouThrs(), name + " iouThrs");
        assertArrayEquals(Testdata.doubles(used.get("recThrs")), params.recThrs(), name + " recThrs");

        EvalFixtures.Set set = EvalFixtures.set(row.get("prepared").asText(), type);
        for (Executor executor : new Executor[] {Runnable::run, POOL}) {
            Accumulation acc = CocoEval.evaluate(params, set.gt(), set.dt(), executor).accumulate(executor);
            int[] counts = acc.counts();
            assertSame(name + " precision", row.get("precision"), acc.precision(), counts);
            assertSame(name + " scores", row.get("scores"), acc.scores(), counts);
            assertSame(name + " recall", row.get("recall"), acc.recall(),
                    new int[] {counts[0], 1, counts[2], counts[3], counts[4]});
            if (row.get("stats").isNull()) {
                assertThrows(IllegalStateException.class, acc::summarize, name);
                continue;
            }
            Summary summary = acc.summarize();
            assertArrayEquals(Testdata.doubles(row.get("stats")), summary.stats(), 0.0, name + " stats");
            List<String> lines = new ArrayList<>();
            row.get("lines").forEach(l -> lines.add(l.asText()));
            assertEquals(lines, summary.lines(), name + " lines");
        }
    }

    /** Defaults over the recorded images and categories, then what the case gave, as pycocotools' user sets them. */
    private static EvalParams params(IouType type, JsonNode used, JsonNode given) {
        EvalParams p = EvalParams.defaults(type, longs(used.get("imgIds")), longs(used.get("catIds")));
        if (given.has("imgIds")) {
            p = p.withImgIds(longs(given.get("imgIds")));
        }
        if (given.has("catIds")) {
            p = p.withCatIds(longs(given.get("catIds")));
        }
        if (given.has("useCats")) {
            p = p.withUseCats(given.get("useCats").asInt() != 0);
        }
        if (given.has("maxDets")) {
            p = p.withMaxDets(Testdata.ints(given.get("maxDets")));
        }
        if (given.has("iouThrs")) {
            p = p.withIouThrs(Testdata.doubles(given.get("iouThrs")));
        }
        if (given.has("recThrs")) {
            p = p.withRecThrs(Testdata.doubles(given.get("recThrs")));
        }
        if (given.has("kpt_oks_sigmas")) {
            p = p.withKptOksSigmas(Testdata.doubles(given.get("kpt_oks_sigmas")));
        }
        if (given.has("areaRng")) {
            JsonNode ranges = given.get("areaRng");
            double[][] r = new double[ranges.size()][];
            for (int i = 0; i < r.length; i++) {
                r[i] = Testdata.doubles(ranges.get(i));
            }
            List<String> labels = new ArrayList<>();
            given.get("areaRngLbl").forEach(l -> labels.add(l.asText()));
            p = p.withAreaRanges(r, labels);
        }
        return p;
    }

    /** Every element the same double; a failure names the first differing [t, r, k, a, m]. */
    private static void assertSame(String what, JsonNode recorded, double[] actual, int[] counts) {
        double[] expected = EvalFixtures.array(recorded);
        assertEquals(expected.length, actual.length, what + " size");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                int[] at = new int[5];
                for (int d = 4, rest = i; d >= 0; d--) {
                    at[d] = rest % counts[d];
                    rest /= counts[d];
                }
                fail(what + " differs at [t,r,k,a,m]=" + java.util.Arrays.toString(at) + ": pycocotools " + expected[i]
                        + ", segpack " + actual[i]);
            }
        }
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
