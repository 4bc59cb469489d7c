package dev.segpack.bench;

import dev.segpack.engine.simd.Kernels;
import java.lang.foreign.Arena;
import java.util.concurrent.TimeUnit;
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
 * The set-up the engine benchmarks share: average time in µs, one fork with the incubator module,
 * an h×w image size, an arena for the inputs, and which kernels run. The engine chooses its
 * kernels once per JVM and JMH runs every parameter combination in a fork of its own, so the
 * {@code kernels} parameter becomes {@code -Dsegpack.simd} before the fork's first engine call;
 * subclasses build their inputs in {@link #prepare}, after that.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public abstract class KernelBenchmark {

    @Param({"scalar", "vector"})
    public String kernels;

    @Param({"480x640", "1024x2048"})
    public String size;

    protected int h;
    protected int w;
    protected Arena arena;

    @Setup
    public final void setUp() {
        System.setProperty(Kernels.PROPERTY, Boolean.toString(kernels.equals("vector")));
        if (!Kernels.name().equals(kernels)) {
            throw new IllegalStateException("this JVM runs the " + Kernels.name() + " kernels, not the " + kernels
                    + " ones: run each parameter set in a fork of its own (-f 1 or more)");
        }
        int[] hw = BenchInputs.size(size);
        h = hw[0];
        w = hw[1];
        arena = Arena.ofShared();
        prepare();
    }

    /** Builds the inputs in {@link #arena}. */
    protected abstract void prepare();

    @TearDown
    public final void tearDown() {
        arena.close();
    }
}
