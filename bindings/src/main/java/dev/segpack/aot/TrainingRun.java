package dev.segpack.aot;

import dev.segpack.cli.Main;
import java.util.Arrays;

/**
 * Runs several segpack commands in one JVM, so that the cache the launcher has the JVM record during this run
 * ({@code -XX:AOTCacheOutput}) holds the classes and method profiles of every command's hot path. The
 * arguments are the commands' own, with a {@code ;} between two commands.
 */
public final class TrainingRun {

    private TrainingRun() {
    }

    /** Runs every command, even after one failed, and exits with 1 if one did. */
    public static void main(String[] args) {
        System.exit(run(args) == 0 ? 0 : 1);
    }

    /** Runs every command and returns how many failed. */
    static int run(String... args) {
        int failed = 0;
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(";")) {
                if (Main.run(Arrays.copyOfRange(args, start, i)) != 0) {
                    failed++;
                }
                start = i + 1;
            }
        }
        return failed;
    }
}
