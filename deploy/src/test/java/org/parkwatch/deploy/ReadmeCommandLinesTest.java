package org.parkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every {@code ./parkwatch} command the README shows is one the command line understands, as written: the options
 * each gives belong to its sub-command. (Running them is {@code ReadmeProductionCommandsIT}'s part.)
 */
class ReadmeCommandLinesTest {

    @Test
    void shouldFindTheCommandsOfTheProductionSection() {
        // Guards the extraction itself: without these the test below would pass on nothing.
        assertThat(ReadmeCommands.load().parkwatchCommandLines()).contains(
                "./parkwatch local",
                "./parkwatch setup --config parkwatch.properties",
                "./parkwatch pipeline --config parkwatch.properties --set parkwatch.api.auth.token=$API_TOKEN");
    }

    @Test
    void shouldParseEveryParkwatchCommandOfTheReadmeAsWritten() {
        List<String> commands = ReadmeCommands.load().parkwatchCommandLines();

        assertThat(commands).allSatisfy(command -> {
            String[] args = Arrays.stream(command.split(" ")).skip(1).toArray(String[]::new);
            StringWriter err = new StringWriter();
            CommandLine cli = ParkWatchCli.commandLine().setErr(new PrintWriter(err));
            assertThatCode(() -> cli.parseArgs(args)).as(command).doesNotThrowAnyException();
        });
    }

    @Test
    void shouldDescribeEverySubCommandInItsHelp() {
        CommandLine cli = ParkWatchCli.commandLine();
        String top = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);

        assertThat(top).contains("local", "pipeline", "setup", "simulate");
        for (String name : List.of("pipeline", "setup", "replay-dead-letters")) {
            String help = cli.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF);
            assertThat(help).as(name).contains("--config=FILE", "--set=KEY=VALUE", "--help",
                    "parkwatch.connect.timeout.ms");
        }
    }
}
