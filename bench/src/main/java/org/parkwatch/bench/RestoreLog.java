package org.parkwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pipeline process's log tells about restoration: when each changelog partition finished restoring and how
 * many records it took, and when the client turned RUNNING. The log is written with {@link #configuration()}, whose
 * lines start with the epoch millisecond, and which lets Kafka Streams' changelog reader speak at INFO.
 */
final class RestoreLog {

    /** One changelog partition restored into an active task. */
    record Restored(long atMillis, String changelogPartition, long records) {
    }

    private static final Pattern STAMP = Pattern.compile("^(\\d{13}) ");
    private static final Pattern RESTORED =
            Pattern.compile("Finished restoring changelog (\\S+) to store \\S+ with a total number of (\\d+) records");
    private static final Pattern STATE = Pattern.compile("Pipeline state (\\w+) -> (\\w+)");

    private final List<String> lines;

    private RestoreLog(List<String> lines) {
        this.lines = lines;
    }

    static RestoreLog read(Path log) {
        try {
            return new RestoreLog(Files.readAllLines(log));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Changelog partitions restored at or after {@code sinceMillis}. */
    List<Restored> restoredSince(long sinceMillis) {
        List<Restored> restored = new ArrayList<>();
        for (String line : lines) {
            Matcher stamp = STAMP.matcher(line);
            Matcher m = RESTORED.matcher(line);
            if (stamp.find() && m.find() && Long.parseLong(stamp.group(1)) >= sinceMillis) {
                restored.add(new Restored(Long.parseLong(stamp.group(1)), m.group(1), Long.parseLong(m.group(2))));
            }
        }
        return restored;
    }

    /** When the client first entered {@code state} at or after {@code sinceMillis}. */
    OptionalLong firstTransitionTo(String state, long sinceMillis) {
        for (String line : lines) {
            Matcher stamp = STAMP.matcher(line);
            Matcher m = STATE.matcher(line);
            if (stamp.find() && m.find() && m.group(2).equals(state) && Long.parseLong(stamp.group(1)) >= sinceMillis) {
                return OptionalLong.of(Long.parseLong(stamp.group(1)));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * A log4j2 configuration for the pipeline process: its usual levels, epoch-millisecond stamps, and Kafka Streams'
     * changelog reader and group coordinator at INFO (a few lines per restored partition and per rebalance).
     */
    static String configuration() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="out" target="SYSTEM_ERR">
                      <PatternLayout pattern="%d{UNIX_MILLIS} %-5level [%t] %c{1} - %msg%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Logger name="org.parkwatch" level="INFO"/>
                    <Logger name="org.apache.kafka" level="WARN"/>
                    <Logger name="org.apache.kafka.streams.processor.internals.StoreChangelogReader" level="INFO"/>
                    <Logger name="org.apache.kafka.clients.consumer.internals.ConsumerCoordinator" level="INFO"/>
                    <Logger name="kafka" level="WARN"/>
                    <Logger name="org.apache.kafka.clients.NetworkClient" level="ERROR"/>
                    <Logger name="org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils" level="ERROR"/>
                    <Logger name="org.eclipse.jetty" level="WARN"/>
                    <Logger name="io.javalin" level="WARN"/>
                    <Root level="WARN"><AppenderRef ref="out"/></Root>
                  </Loggers>
                </Configuration>
                """;
    }
}
