package dev.segpack.cli;

import dev.segpack.cityscapes.CityscapesRender;
import dev.segpack.engine.cityscapes.ImageType;
import dev.segpack.io.Plural;
import dev.segpack.io.Seconds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The folders and images of {@code cityscapes render} (picocli mixin), shared with its Spark job. */
public final class CityscapesRenderOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Mixin
    CityscapesCommand.GtOption gt;

    @Option(names = "--out", paramLabel = "DIR", description = "Output root (default: next to each JSON).")
    Path out;

    @Option(names = "--types", paramLabel = "TYPE[,TYPE...]", split = ",",
            defaultValue = "labelIds,labelTrainIds,color,instanceIds,instanceTrainIds",
            description = "Images to write (default: all five).")
    String[] types;

    @Mixin
    CityscapesCommand.LabelsOption labels;

    /** The gtFine or gtCoarse folder to read. */
    public Path root() {
        return gt.root;
    }

    /** The --labels table file, or null for labels.py's table. */
    public Path labelsFile() {
        return labels.file;
    }

    /** The output root, or null for next to each JSON. */
    public Path out() {
        return out;
    }

    /** The renderer's options: these images, this label table; an unknown type is a usage error. */
    public CityscapesRender.Options renderOptions(boolean skipInvalid, int threads) throws IOException {
        Set<ImageType> selected = EnumSet.noneOf(ImageType.class);
        for (String t : types) {
            try {
                selected.add(ImageType.ofSuffix(t.strip()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), "--types: " + e.getMessage());
            }
        }
        return new CityscapesRender.Options(selected, labels.table(), out, skipInvalid, threads);
    }

    /** The summary of a run: frames, objects, images, time and where the images went. */
    public String summary(CityscapesRender.Summary s) {
        return String.format(Locale.ROOT, "%s, %s, %s written%s, %s -> %s", Plural.of(s.frames(), "frame"),
                Plural.of(s.objects(), "object"), Plural.of(s.images(), "image"),
                s.skipped() > 0 ? ", " + s.skipped() + " skipped" : "", Seconds.of(s.seconds()), out != null ? out : gt.root);
    }
}
