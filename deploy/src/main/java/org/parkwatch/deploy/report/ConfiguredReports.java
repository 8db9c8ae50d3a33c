package org.parkwatch.deploy.report;

import java.time.Clock;
import java.time.Duration;

import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.report.PdfFonts;
import org.parkwatch.report.Reports;
import org.parkwatch.report.kafka.TopicReportSource;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;

/** The reports of a configuration: its cluster, registry, topic names and calendar. */
public final class ConfiguredReports {

    /**
     * How long reading one topic to its end may take. Generous: a year's ledger of a large park is millions of
     * records, read at some hundred thousand a second.
     */
    static final Duration TOPIC_READ_TIMEOUT = Duration.ofMinutes(5);

    private ConfiguredReports() {
    }

    public static Reports of(ParkWatchConfig config) {
        var source = new TopicReportSource(config.kafka().clientProperties(),
                new RestSchemaRegistryClient(config.registry().clientSettings()), config.topicLayout().topics(),
                Clock.systemUTC(), TOPIC_READ_TIMEOUT);
        return new Reports(source, config.accounting().zone(), PdfFonts.onThisMachine());
    }
}
