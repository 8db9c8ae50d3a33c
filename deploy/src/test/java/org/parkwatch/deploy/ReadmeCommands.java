package org.parkwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code ./parkwatch} command lines and shell blocks of README.md, as a reader would copy them. */
final class ReadmeCommands {

    private static final Pattern FENCED_BLOCK = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    // A code span may wrap over a line break in the Markdown source; it is one command all the same.
    private static final Pattern CODE_SPAN = Pattern.compile("`(\\./parkwatch[^`]*)`");
    private static final Pattern SHELL_COMMAND = Pattern.compile("^(\\./parkwatch\\b[^#\\n]*)", Pattern.MULTILINE);

    private final String markdown;

    private ReadmeCommands(String markdown) {
        this.markdown = markdown;
    }

    /** The project's README.md; tests run in the deploy module's directory. */
    static ReadmeCommands load() {
        try {
            return new ReadmeCommands(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code ./parkwatch ...} command line, from inline code and from shell blocks, without the comments. */
    List<String> parkwatchCommandLines() {
        List<String> commands = new ArrayList<>();
        Matcher span = CODE_SPAN.matcher(withoutFencedBlocks());
        while (span.find()) {
            commands.add(span.group(1).replaceAll("\\s+", " ").strip());
        }
        Matcher block = FENCED_BLOCK.matcher(markdown);
        while (block.find()) {
            if (block.group(1).equals("bash")) {
                Matcher line = SHELL_COMMAND.matcher(block.group(2));
                while (line.find()) {
                    commands.add(line.group(1).strip());
                }
            }
        }
        return commands;
    }

    /** The shell code block of the section under {@code heading}, verbatim. */
    String shellBlockUnder(String heading) {
        int section = markdown.indexOf("\n## " + heading + "\n");
        if (section < 0) {
            throw new IllegalStateException("README.md has no section '" + heading + "'");
        }
        int next = markdown.indexOf("\n## ", section + 1);
        String text = markdown.substring(section, next < 0 ? markdown.length() : next);
        Matcher block = FENCED_BLOCK.matcher(text);
        if (!block.find() || !block.group(1).equals("bash")) {
            throw new IllegalStateException("section '" + heading + "' has no bash code block");
        }
        return block.group(2);
    }

    private String withoutFencedBlocks() {
        return FENCED_BLOCK.matcher(markdown).replaceAll("");
    }
}
