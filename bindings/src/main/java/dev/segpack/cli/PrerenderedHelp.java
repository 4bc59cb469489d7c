package dev.segpack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * The help of every command, rendered by picocli when the jar is built, so that {@code segpack --help}
 * and {@code segpack coco rle --help} print it without building picocli's model. Picocli builds that
 * model by reflection over the command classes, which is most of a help run; a JVM that only prints a
 * resource starts about as fast as {@code java -version}. The build runs {@link #main} after compiling
 * (bindings/pom.xml, execution {@code render-help}); without those files (a class path without the
 * build's output) every help request goes through picocli as before, with the same text.
 */
final class PrerenderedHelp {

    /** Where the rendered pages live among the classes: one file per command, named by its words. */
    private static final String FOLDER = "help/";

    private PrerenderedHelp() {
    }

    /**
     * Prints the rendered help if {@code args} are command names followed by {@code --help} or {@code -h}
     * and nothing else, and that command has a rendered page; returns whether it did.
     */
    static boolean print(String[] args, PrintStream out) {
        int last = args.length - 1;
        if (last < 0 || !(args[last].equals("--help") || args[last].equals("-h"))) {
            return false;
        }
        StringBuilder page = new StringBuilder(FOLDER).append("segpack");
        for (int i = 0; i < last; i++) {
            if (!args[i].chars().allMatch(c -> c >= 'a' && c <= 'z' || c == '-' || c >= '0' && c <= '9')) {
                return false;
            }
            page.append('.').append(args[i]);
        }
        try (InputStream text = PrerenderedHelp.class.getResourceAsStream(page.append(".txt").toString())) {
            if (text == null) {
                return false;
            }
            out.print(new String(text.readAllBytes(), StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The page picocli renders for this command: what {@link #print} prints from the build's file. */
    static String render(CommandLine command) {
        return command.getUsageMessage(Ansi.OFF);
    }

    /** Renders every command's page into the folder {@code args[0]} (the build's classes/…/cli/help). */
    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        write(SegpackCommand.commandLine(new SegpackCommand(), null), folder);
    }

    private static void write(CommandLine command, Path folder) {
        if (command.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        if (isHelpOption(command, "--help") && isHelpOption(command, "-h")) {
            writePage(command, folder);
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            write(sub, folder);
        }
    }

    /** Whether {@code name} asks this command for its help (so {@link #print} may answer it). */
    private static boolean isHelpOption(CommandLine command, String name) {
        CommandLine.Model.OptionSpec option = command.getCommandSpec().findOption(name);
        return option != null && option.usageHelp();
    }

    private static void writePage(CommandLine command, Path folder) {
        String name = command.getCommandSpec().qualifiedName(".");
        try {
            Files.writeString(folder.resolve(name + ".txt"), render(command), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
