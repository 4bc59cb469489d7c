package dev.segpack.cli;

import dev.segpack.engine.mask.PixelLimit;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code segpack} command line, the root of picocli's command tree (its entry point is {@link Main}):
 * a thin shell over the format bindings. Everything a user sees
 * when a run fails goes through here: a usage error is one line and a pointer to {@code --help}
 * (exit 2), a failure one line naming the file and the item (exit 1), never a stack trace unless
 * {@code -v} asks for it.
 */
@Command(name = "segpack", mixinStandardHelpOptions = true, version = "segpack 0.1.0",
        description = "Encode, convert and load segmentation masks and pose annotations at memory speed.")
public final class SegpackCommand {

    /**
     * The command tree: each group with its commands, in the order {@code --help} lists them. Only the
     * groups and commands a command line names are built in full (see {@link #commandLine}), so the tree is
     * given here rather than in the groups' {@code subcommands} attributes, which picocli would build whole.
     */
    private static final List<Group> TREE = List.of(
            new Group(CocoCommand.class, CocoRleCommand.class, CocoInfoCommand.class, CocoPackH5Command.class,
                    CocoExportCommand.class, CocoEvalCommand.class, CocoShowCommand.class),
            new Group(MasksCommand.class, MasksToCocoCommand.class),
            new Group(PanopticCommand.class, PanopticToDetectionCommand.class, PanopticToSemanticCommand.class,
                    PanopticFromDetectionCommand.class),
            new Group(H5Command.class, H5InspectCommand.class),
            new Group(CityscapesCommand.class, CityscapesRenderCommand.class, CityscapesToCocoCommand.class,
                    CityscapesToPanopticCommand.class),
            new Group(SkeletonCommand.class, SkeletonInfoCommand.class, SkeletonConvertCommand.class,
                    SkeletonDecompressCommand.class, SkeletonHeatmapsCommand.class),
            new Group(dev.segpack.cli.bench.BenchCommand.class));

    /** A command group and its commands. */
    private record Group(Class<?> group, Class<?>... commands) {
    }

    @Spec
    CommandSpec spec;

    private boolean verbose = Boolean.getBoolean("segpack.debug");

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Say more: the stack trace of a failure and library messages below warnings.")
    void verbose(boolean on) {
        verbose |= on;
    }

    @Option(names = "--max-pixels", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "The most pixels one image, mask or label map may have (default 2^31): a file whose header"
                    + " declares more is refused before anything is decoded.")
    void maxPixels(long pixels) {
        if (pixels < 1) {
            throw new ParameterException(spec.commandLine(), "--max-pixels must be at least 1, not " + pixels);
        }
        PixelLimit.set(pixels);
    }

    /** Parses and runs one command line; returns its exit code. */
    static int run(String... args) {
        SegpackCommand main = new SegpackCommand();
        String pixelLimit = System.getProperty(PixelLimit.PROPERTY);
        try {
            return execute(main, args);
        } finally {
            // --max-pixels holds for this run only (tests run the CLI many times in one JVM)
            if (pixelLimit == null) {
                System.clearProperty(PixelLimit.PROPERTY);
            } else {
                System.setProperty(PixelLimit.PROPERTY, pixelLimit);
            }
        }
    }

    /**
     * The command line for these arguments. Picocli builds a command's model by reflection over its
     * classes, annotations and options, which is most of the start-up of a short run; so a group or command
     * that no argument names (and so cannot run) is added as a stub holding only its name and summary, which
     * is all that {@code --help}, {@code help} and a "did you mean" need of it. {@code null} builds every one.
     */
    static CommandLine commandLine(SegpackCommand main, Collection<String> args) {
        CommandLine line = new CommandLine(main);
        for (Group group : TREE) {
            if (!named(group.group(), args)) {
                addStub(line, group.group());
                continue;
            }
            // complete before it joins the root, which then hands its inherited options (-v) down the whole group
            CommandLine built = new CommandLine(group.group());
            for (Class<?> command : group.commands()) {
                if (named(command, args)) {
                    built.addSubcommand(new CommandLine(command));
                } else {
                    addStub(built, command);
                }
            }
            line.addSubcommand(built);
        }
        // the help command too: its model alone took ~10 ms of every run
        if (named(CommandLine.HelpCommand.class, args)) {
            line.addSubcommand(new CommandLine.HelpCommand());
        } else {
            addStub(line, CommandLine.HelpCommand.class);
        }
        return line;
    }

    private static boolean named(Class<?> command, Collection<String> args) {
        return args == null || args.contains(command.getAnnotation(Command.class).name());
    }

    /** Adds a stub of {@code command}: its name and summary (header or description) only. */
    private static void addStub(CommandLine parent, Class<?> command) {
        Command annotation = command.getAnnotation(Command.class);
        CommandSpec stub = CommandSpec.create().name(annotation.name());
        stub.usageMessage().header(annotation.header()).description(annotation.description());
        parent.addSubcommand(annotation.name(), stub);
    }

    private static int execute(SegpackCommand main, String... args) {
        return commandLine(main, List.of(args))
                .setParameterExceptionHandler(SegpackCommand::reportUsageError)
                .setExecutionStrategy(parsed -> {
                    // (java.util.logging costs tens of milliseconds to set up: not for a help text)
                    if (!helpRequested(parsed)) {
                        Logging.install(main.verbose);
                    }
                    try {
                        return new CommandLine.RunLast().execute(parsed);
                    } catch (Error e) {
                        return reportFailure(e, deepest(parsed).commandSpec().commandLine());
                    }
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> reportFailure(e, cmd))
                .execute(args);
    }

    /** A usage error: what is wrong in one line, then where the help is; no usage dump. */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        } else if (message.equals("Missing required subcommand")) {
            message += ": one of " + String.join(", ", cmd.getSubcommands().keySet());
        }
        PrintWriter err = cmd.getErr();
        err.println(message);
        err.println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** A failed command: one line saying what and where (see {@link FailureMessage}); exit code 1. */
    private static int reportFailure(Throwable e, CommandLine cmd) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + FailureMessage.of(e, cmd));
        if (((SegpackCommand) cmd.getCommandSpec().root().userObject()).verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static boolean helpRequested(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
                    || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    private static CommandLine.ParseResult deepest(CommandLine.ParseResult parsed) {
        while (parsed.subcommand() != null) {
            parsed = parsed.subcommand();
        }
        return parsed;
    }
}
