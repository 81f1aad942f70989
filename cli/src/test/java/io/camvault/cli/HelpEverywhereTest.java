package io.camvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

/** Every command and command group answers -h and --help, and the command lists show whole sentences. */
class HelpEverywhereTest {

    private static List<List<String>> commandPaths(CommandLine cli, List<String> prefix, List<List<String>> into) {
        into.add(prefix);
        cli.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && sub.getCommandName().equals(name)) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                commandPaths(sub, path, into);
            }
        });
        return into;
    }

    private static List<List<String>> allCommands() {
        return commandPaths(CamvaultMain.commandLine(), List.of(), new ArrayList<>());
    }

    @TestFactory
    Stream<DynamicTest> everyCommandAndGroupTakesHelp() {
        return allCommands().stream().flatMap(path -> Stream.of("-h", "--help").map(flag ->
                DynamicTest.dynamicTest(String.join(" ", path) + " " + flag, () -> {
                    List<String> args = new ArrayList<>(path);
                    args.add(flag);
                    StringWriter out = new StringWriter();
                    StringWriter err = new StringWriter();
                    int code = CamvaultMain.run(new PrintWriter(out, true), new PrintWriter(err, true),
                            args.toArray(String[]::new));
                    assertThat(code).as(err.toString()).isZero();
                    assertThat(out.toString()).contains("Usage: camvault");
                    assertThat(err.toString()).isEmpty();
                })));
    }

    @Test
    void commandListsShowWholeSentences() {
        CamvaultMain.commandLine(); // loads every command
        for (List<String> path : allCommands()) {
            CommandLine cli = CamvaultMain.commandLine();
            for (String name : path) {
                cli = cli.getSubcommands().get(name);
            }
            String[] description = cli.getCommandSpec().usageMessage().description();
            String[] header = cli.getCommandSpec().usageMessage().header();
            String shown = header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
            assertThat(shown.strip()).as("the first description line of '%s', which the command lists show",
                    String.join(" ", path)).matches("(?s).*[.。)]$");
        }
    }
}
