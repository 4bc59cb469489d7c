package dev.segpack.bench;

import dev.segpack.engine.pose.PosePacker;
import dev.segpack.engine.pose.PosePacker.Annotation;
import dev.segpack.engine.pose.PosePacker.Encoding;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link PosePacker#pack} of an 8-person image from its annotation RLEs (unions of the crowd and
 * unannotated masks included), on the kernels the JVM chose: add
 * {@code -jvmArgsAppend -Dsegpack.simd=false} for the scalar ones.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PosePackerBenchmark {

    @Param({"480x640", "1024x2048"})
    public String size;

    private Arena arena;
    private int h;
    private int w;
    private List<Annotation> people;
    private MemorySegment out;

    @Setup
    public void setUp() {
        int[] hw = BenchInputs.size(size);
        h = hw[0];
        w = hw[1];
        arena = Arena.ofShared();
        people = BenchInputs.pose(h, w, 8, 42);
        out = arena.allocate((long) h * w);
    }

    @TearDown
    public void tearDown() {
        arena.close();
    }

    @Benchmark
    public MemorySegment pack8() {
        PosePacker.pack(people, h, w, Encoding.NARROW, out);
        return out;
    }
}
