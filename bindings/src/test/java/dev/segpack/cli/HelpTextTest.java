package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.testing.CliRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The help reads as prose (issue 9, finding 10): a command's summary, the first line of its description
 * that its parent's --help lists, is a whole sentence; every paragraph of a description, footer or option
 * is one string that picocli wraps, so none ends mid-sentence.
 */
class HelpTextTest {

    @Test
    void summariesAreWholeSentences() {
        for (CommandSpec command : commands()) {
            String[] description = command.usageMessage().description();
            assertTrue(description.length > 0, command.qualifiedName() + " has no description");
            String summary = description[0];
            assertTrue(summary.endsWith(".") && !summary.contains("\n"),
                    command.qualifiedName() + ": summary is not one sentence: " + summary);
        }
    }

    @Test
    void paragraphsEndWhereTheirSentencesEnd() {
        for (CommandSpec command : commands()) {
            List<String> paragraphs = new ArrayList<>(List.of(command.usageMessage().description()));
            paragraphs.addAll(List.of(command.usageMessage().footer()));
            for (OptionSpec option : command.options()) {
                paragraphs.addAll(List.of(option.description()));
            }
            for (String paragraph : paragraphs) {
                String end = paragraph.strip();
                assertTrue(end.isEmpty() || end.endsWith(".") || end.endsWith(")") || end.endsWith(".\""),
                        command.qualifiedName() + ": a paragraph ends mid-sentence: " + paragraph);
            }
        }
    }

    @Test
    void theCommandListShowsEachSummaryWhole() {
        CliRun r = CliRun.of("coco", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("  rle      Rewrite a COCO annotation file with every segmentation as compressed"
                + System.lineSeparator() + "             RLE." + System.lineSeparator()), r.out());
    }

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(SegpackCommand.commandLine(new SegpackCommand(), null), all);
        return all;
    }

    private static void collect(CommandLine cmd, List<CommandSpec> all) {
        if (!(cmd.getCommand() instanceof CommandLine.HelpCommand)) {
            all.add(cmd.getCommandSpec());
        }
        for (CommandLine sub : cmd.getSubcommands().values()) {
            collect(sub, all);
        }
    }
}
