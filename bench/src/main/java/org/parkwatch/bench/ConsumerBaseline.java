package org.parkwatch.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code ConsumerPerformance} over the same input topics, in its own JVM: how fast records can merely be
 * fetched here, the ceiling of any consumer.
 */
final class ConsumerBaseline {

    /** Records per second over the whole run, and over fetching only (excluding the group join). */
    record Result(long records, double recordsPerSecond, double fetchRecordsPerSecond) {
    }

    private ConsumerBaseline() {
    }

    static Result run(String bootstrap, List<String> topics, long records, Path logDir) throws InterruptedException {
        String include = "^(" + String.join("|", topics.stream().map(Pattern::quote).toList()) + ")$";
        JavaProcess process = JavaProcess.start("consumer-performance", logDir, List.of("-Xmx1g"),
                "org.apache.kafka.tools.ConsumerPerformance",
                List.of("--bootstrap-server", bootstrap, "--include", include, "--num-records", Long.toString(records),
                        "--group", "bench-consumer-performance", "--timeout", "60000"));
        int status = process.await(10, TimeUnit.MINUTES);
        if (status != 0) {
            throw new IllegalStateException("ConsumerPerformance failed (" + status + "): " + process.output());
        }
        return parse(process.output());
    }

    /**
     * The tool prints a header line and one line of figures: start.time, end.time, data.consumed.in.MB, MB.sec,
     * data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec.
     */
    static Result parse(String output) {
        List<String> lines = output.lines().map(String::trim).toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("start.time")) {
                List<String> names = List.of(lines.get(i).split(",\\s*"));
                String[] values = lines.get(i + 1).split(",\\s*");
                return new Result(Long.parseLong(values[names.indexOf("data.consumed.in.nMsg")]),
                        Double.parseDouble(values[names.indexOf("nMsg.sec")]),
                        Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")]));
            }
        }
        throw new IllegalStateException("No figures in ConsumerPerformance's output:\n" + output);
    }
}
