package dev.segpack.engine.simd;

import dev.segpack.engine.mask.Mask;
import dev.segpack.engine.mask.Order;

/** Started by {@link KernelsTest} in a JVM without the incubator module: prints the kernels and an encode. */
final class KernelsProbe {

    private KernelsProbe() {
    }

    public static void main(String[] args) {
        RunLengths runs = new RunLengths(4);
        Kernels.encode(Mask.ofArray(new byte[] {1, 1, 0, 1}, 2, 2, Order.COLUMN_MAJOR), runs);
        System.out.println(Kernels.name());
        StringBuilder s = new StringBuilder();
        for (int r : runs.toArray()) {
            s.append(s.isEmpty() ? "" : ",").append(r);
        }
        System.out.println(s);
    }
}
