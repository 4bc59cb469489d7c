package dev.segpack.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segpack.engine.testing.Testdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The command line's JVM flags, as the launcher reads them from the root pom (segpack.cli.jvm.flags, then a
 * command's segpack.cli.jvm.flags.&lt;group&gt;-&lt;command&gt;, $SEGPACK_ROOT the project's folder), start a
 * JVM of this JDK quietly: a flag this JDK refuses, or a JIT directives file its parser refuses, stops every
 * run of the command, and no other test starts the JVM through the launcher.
 */
class CliJvmFlagsTest {

    private static final Pattern CLI = Pattern.compile("<segpack\\.cli\\.jvm\\.flags>(.*)</segpack\\.cli\\.jvm\\.flags>");
    private static final Pattern COMMAND = Pattern.compile(
            "<segpack\\.cli\\.jvm\\.flags\\.([a-z0-9-]+)>(.*)</segpack\\.cli\\.jvm\\.flags\\.[a-z0-9-]+>");

    @Test
    void everyCommandsFlagsStartAQuietJvm() throws IOException, InterruptedException {
        Path root = Testdata.path(".").toAbsolutePath().normalize().getParent();
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher cli = CLI.matcher(pom);
        assertTrue(cli.find(), "segpack.cli.jvm.flags in the root pom");
        Map<String, String> commands = new LinkedHashMap<>();
        commands.put("(none)", "");
        for (Matcher m = COMMAND.matcher(pom); m.find(); ) {
            commands.put(m.group(1), m.group(2));
        }
        assertTrue(commands.containsKey("coco-rle"), commands.keySet().toString());
        for (Map.Entry<String, String> command : commands.entrySet()) {
            List<String> line = new ArrayList<>();
            line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String flag : (cli.group(1) + " " + command.getValue()).trim().split("\\s+")) {
                line.add(flag.replace("$SEGPACK_ROOT", root.toString()));
            }
            line.add("-version");
            Process p = new ProcessBuilder(line).start();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), command.getKey());
            assertEquals(0, p.exitValue(), command.getKey() + ": " + err);
            assertEquals(0, out.length, command.getKey() + " printed on stdout: " + new String(out, StandardCharsets.UTF_8));
            assertFalse(err.toLowerCase().contains("error") || err.contains("warning"), command.getKey() + ": " + err);
        }
    }
}
