package org.parkwatch.deploy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run of a {@code parkwatch} command in this JVM, as a user would type it: its exit status and output. */
record CommandRun(int exitCode, String out, String err) {

    /** Runs {@code command} with each setting as {@code --set key=value}, then {@code options}. */
    static CommandRun of(String command, Map<String, String> settings, String... options) {
        List<String> args = new ArrayList<>(List.of(command));
        settings.forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ParkWatchCli.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));
        return new CommandRun(exit, out.toString(), err.toString());
    }
}
