package dev.segpack.cli;

import dev.segpack.skeleton.PickleReader;
import dev.segpack.skeleton.PickleWriter;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code segpack skeleton convert}: rewrite a pickle so that numpy 1.x and 2.x both load it, content unchanged. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Rewrite a skeleton pickle (e.g. one written with numpy 2 for a numpy 1 cluster): the same content"
                + " and dtypes, loadable by numpy 1.x and 2.x alike."})
final class SkeletonConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ann", required = true, paramLabel = "IN.pkl", description = "Pickle to read.")
    Path ann;

    @Mixin
    PickleOutputOptions output;

    @Override
    public Integer call() throws Exception {
        int protocol = output.protocol(spec);
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(ann, arena);
            PickleWriter.write(output.file, content, protocol);
        }
        System.out.println("skeleton convert: " + ann + " -> " + output.file + " (protocol " + protocol + ")");
        return 0;
    }
}
