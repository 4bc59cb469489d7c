package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help pages rendered at build time (issue 10: a help request without picocli's model) say exactly
 * what picocli says when it answers the same request itself, for every command, with --help and -h.
 */
class PrerenderedHelpTest {

    @Test
    void everyCommandHasAPageEqualToPicocliOwnAnswer() {
        List<List<String>> commands = new ArrayList<>();
        collect(SegpackCommand.commandLine(new SegpackCommand(), null), commands);
        assertTrue(commands.size() > 20, commands::toString);
        for (List<String> words : commands) {
            for (String flag : List.of("--help", "-h")) {
                String[] args = with(words, flag);
                String fromPicocli = picocliStdout(args);
                ByteArrayOutputStream page = new ByteArrayOutputStream();
                assertTrue(PrerenderedHelp.print(args, new PrintStream(page, true, StandardCharsets.UTF_8)),
                        () -> "no rendered page for " + Arrays.toString(args));
                assertEquals(fromPicocli, page.toString(StandardCharsets.UTF_8), Arrays.toString(args));
                CliRun run = CliRun.of(args);
                assertEquals(0, run.code());
                assertEquals(fromPicocli, run.out());
                assertEquals("", run.err());
            }
        }
    }

    @Test
    void onlyCommandWordsFollowedByAHelpFlagAreAnsweredFromAPage() {
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (String[] args : List.of(new String[0], new String[] {"coco", "rle"}, new String[] {"-v", "--help"},
                new String[] {"coco", "--ann", "--help"}, new String[] {"coco", "nope", "--help"},
                new String[] {"../coco", "--help"}, new String[] {"help"}, new String[] {"--version"})) {
            assertFalse(PrerenderedHelp.print(args, nowhere), Arrays.toString(args));
        }
    }

    private static String picocliStdout(String[] args) {
        PrintStream out = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            assertEquals(0, SegpackCommand.run(args));
        } finally {
            System.setOut(out);
        }
        return stdout.toString(StandardCharsets.UTF_8);
    }

    private static void collect(CommandLine command, List<List<String>> all) {
        if (command.getCommand() instanceof CommandLine.HelpCommand) {
            return;
        }
        List<String> words = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName().split(" ")));
        all.add(words.subList(1, words.size()));
        for (CommandLine sub : command.getSubcommands().values()) {
            collect(sub, all);
        }
    }

    private static String[] with(List<String> words, String flag) {
        List<String> args = new ArrayList<>(words);
        args.add(flag);
        return args.toArray(String[]::new);
    }
}
