package dev.segpack.bench;

import dev.segpack.engine.simd.Kernels;
import java.lang.foreign.Arena;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The set-up the kernel benchmarks share on top of {@link EngineBenchmark}'s settings: an h×w
 * image size, an arena for the inputs, and which kernels run. The engine chooses its
 * kernels once per JVM and JMH runs every parameter combination in a fork of its own, so the
 * {@code kernels} parameter becomes {@code -Dsegpack.simd} before the fork's first engine call;
 * subclasses build their inputs in {@link #prepare}, after that.
 */
public abstract class KernelBenchmark extends EngineBenchmark {

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
