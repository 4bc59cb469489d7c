package dev.segpack.cli;

import dev.segpack.engine.skeleton.DecompressPose;
import dev.segpack.io.Plural;
import dev.segpack.skeleton.KineticsDecompression;
import dev.segpack.skeleton.PickleReader;
import dev.segpack.skeleton.PickleWriter;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code segpack skeleton decompress}: Kinetics-style compressed annotations to the plain PYSKL layout. */
@Command(name = "decompress", mixinStandardHelpOptions = true,
        description = {"Decompress Kinetics-style annotations (keypoint [N,V,3] + frame_inds, inline or in the kpfiles their"
                + " raw_file names) to keypoint [M,T,V,2] + keypoint_score [M,T,V] float16, as PYSKL's"
                + " DecompressPose(squeeze, max_person) does. Other annotations are kept as they are."})
final class SkeletonDecompressCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--ann", required = true, paramLabel = "IN.pkl", description = "Compressed annotation pickle.")
    Path ann;

    @Option(names = "--kpfiles", paramLabel = "DIR", description = "Folder of the kpfiles named by raw_file (by file name).")
    Path kpfiles;

    @Mixin
    PickleOutputOptions output;

    @Option(names = "--max-person", paramLabel = "N", description = "Keep at most N persons per frame, by score (default 10).")
    int maxPerson = 10;

    @Option(names = "--no-squeeze", description = "Keep frames without persons (squeeze=False).")
    boolean noSqueeze;

    @Override
    public Integer call() throws Exception {
        int protocol = output.protocol(spec);
        if (maxPerson < 1) {
            throw new ParameterException(spec.commandLine(), "--max-person must be at least 1, not " + maxPerson);
        }
        try (Arena arena = Arena.ofConfined()) {
            Object content = PickleReader.read(ann, arena);
            long compressed = KineticsDecompression.compressedCount(ann, content);
            Object plain = new KineticsDecompression(new DecompressPose(!noSqueeze, maxPerson), kpfiles, arena).apply(ann, content);
            PickleWriter.write(output.file, plain, protocol);
            System.out.println("skeleton decompress: " + Plural.of(compressed, "annotation") + " decompressed: " + ann
                    + " -> " + output.file);
        }
        return 0;
    }
}
