package org.parkwatch.api;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.EnergyCarrier;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.MeterReading;
import org.parkwatch.avro.OutputReport;
import org.parkwatch.avro.PermittedLoads;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.avro.WindowKind;
import org.parkwatch.broker.BrokerSettings;
import org.parkwatch.broker.EmbeddedKafkaBroker;
import org.parkwatch.pricing.DefaultFactors;
import org.parkwatch.pricing.FactorVersion;
import org.parkwatch.registry.RegistrySettings;
import org.parkwatch.registry.SchemaRegistryServer;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.SpecificAvroSerde;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.serde.registry.SchemaRegistryClient;
import org.parkwatch.topology.AccountingSettings;
import org.parkwatch.topology.FactorRecordKey;
import org.parkwatch.topology.ParkWatchTopology;
import org.parkwatch.topology.PipelineMetrics;
import org.parkwatch.topology.PipelineSerdes;
import org.parkwatch.topology.StoreNames;
import org.parkwatch.topology.Topics;

/**
 * A real broker and schema registry, the ParkWatch topics, reference data and running pipeline instances with their
 * API, for the API's integration tests. Alerts are fed through a test topic into the alert stores, so the alert
 * endpoints are exercised whatever rules the topology carries.
 */
final class PipelineFixture implements AutoCloseable {

    static final int PARTITIONS = 2;
    private static final DateTimeFormatter FIXED_UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final EmbeddedKafkaBroker broker;
    private final SchemaRegistryServer registry;
    private final SchemaRegistryClient registryClient;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final Topics topics = Topics.withPrefix("it" + unique);
    private final String alertFeed = "it" + unique + ".alert-feed";
    private final KafkaProducer<String, SpecificRecord> producer;
    private final KafkaProducer<String, byte[]> rawProducer;
    private final List<AutoCloseable> started = new ArrayList<>();

    /** One running pipeline instance and its API. */
    record Instance(KafkaStreams streams, ApiServer api, PrometheusMeterRegistry meters) {
        String url() {
            return "http://127.0.0.1:" + api.port();
        }
    }

    PipelineFixture() {
        broker = EmbeddedKafkaBroker.start(BrokerSettings.ephemeral());
        registry = SchemaRegistryServer.start(RegistrySettings.of(broker.bootstrapServers(), 0));
        registryClient = new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registry.url()));
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            List<NewTopic> all = new ArrayList<>();
            topics.roles().keySet().forEach(t -> all.add(new NewTopic(t, PARTITIONS, (short) 1)));
            all.add(new NewTopic(alertFeed, PARTITIONS, (short) 1));
            admin.createTopics(all).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("cannot create topics", e);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p, new StringSerializer(),
                new SpecificAvroSerializer<>(registryClient, SerdeSettings.forValue()));
        rawProducer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    Topics topics() {
        return topics;
    }

    static Enterprise enterprise(String id, String parkId, GridRegion grid) {
        return enterprise(id, parkId, grid, "Enterprise " + id, "electronics");
    }

    static Enterprise enterprise(String id, String parkId, GridRegion grid, String name, String sector) {
        return Enterprise.newBuilder().setEnterpriseId(id).setParkId(parkId).setName(name)
                .setSector(sector).setGridRegion(grid).setOutlets(List.of())
                .setPermittedLoads(new PermittedLoads(null, null, null)).setActive(true).build();
    }

    void publishEnterprises(List<Enterprise> enterprises) {
        enterprises.forEach(e -> producer.send(new ProducerRecord<>(topics.enterprises(), e.getEnterpriseId(), e)));
        producer.flush();
    }

    /** Publishes the default factor set, leaving out the versions {@code omit} matches. */
    void publishDefaultFactors(Predicate<FactorVersion> omit) {
        for (FactorVersion f : DefaultFactors.load()) {
            if (omit.test(f)) {
                continue;
            }
            EmissionFactor record = EmissionFactor.newBuilder().setFactorKey(f.factorKey())
                    .setValidFrom(f.validFrom()).setValue(f.value()).setUnit(f.unit())
                    .setParameters(Map.copyOf(f.parameters())).setSource(f.source())
                    .setPublishedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
            producer.send(new ProducerRecord<>(topics.emissionFactors(), null, f.validFrom().toEpochMilli(),
                    FactorRecordKey.of(f.factorKey(), f.validFrom()), record));
        }
        producer.flush();
    }

    /** Sends an electricity reading of {@code kwh} over the minute ending at {@code end}. */
    void sendElectricity(String eventId, String enterpriseId, double kwh, Instant end) {
        sendElectricityAsync(eventId, enterpriseId, kwh, end);
        producer.flush();
    }

    /** As {@link #sendElectricity}, without waiting for the broker. */
    void sendElectricityAsync(String eventId, String enterpriseId, double kwh, Instant end) {
        MeterReading reading = MeterReading.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId)
                .setMeterId(enterpriseId + "-M1").setCarrier(EnergyCarrier.ELECTRICITY).setQuantity(kwh)
                .setUnit("kWh").setIntervalStart(end.minusSeconds(60)).setIntervalEnd(end).setFlag(DataFlag.N)
                .setSteamEnthalpyKjPerKg(null).setSource("avro").build();
        producer.send(new ProducerRecord<>(topics.meterReadings(), null, end.toEpochMilli(), enterpriseId, reading));
    }

    void flush() {
        producer.flush();
    }

    /** Sends a wastewater sample of an outlet over the hour ending at {@code end}, with its measured COD. */
    void sendWastewater(String eventId, String enterpriseId, String outletId, double volumeM3, double codMgPerL,
                        Instant end) {
        WastewaterSample sample = WastewaterSample.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId)
                .setOutletId(outletId).setVolumeM3(volumeM3).setVolumeFlag(DataFlag.N).setCodMgPerL(codMgPerL)
                .setCodFlag(DataFlag.N).setAmmoniaNitrogenMgPerL(null).setAmmoniaNitrogenFlag(DataFlag.N)
                .setIntervalStart(end.minusSeconds(3600)).setIntervalEnd(end).setSource("avro").build();
        producer.send(new ProducerRecord<>(topics.wastewaterSamples(), null, end.toEpochMilli(), enterpriseId, sample));
        producer.flush();
    }

    /** Publishes a threshold rule. */
    void publishRule(ThresholdRule rule) {
        producer.send(new ProducerRecord<>(topics.thresholdRules(), rule.getRuleId(), rule));
        producer.flush();
    }

    /** Publishes a park intensity rule: its limit is the park's target for {@code metric} over {@code window}. */
    void publishParkTarget(String ruleId, String parkId, String metric, WindowKind window, double warning,
                           double limit, String unit) {
        ThresholdRule rule = ThresholdRule.newBuilder().setRuleId(ruleId).setVersion(1)
                .setScopeType(SubjectType.PARK).setScopeId(parkId).setMetric(metric).setWindow(window)
                .setWarningLevel(warning).setLimit(limit).setClearLevel(warning * 0.9).setUnit(unit)
                .setMinDurationMs(0).setMinConsecutive(1).setEnabled(true).setSource("test target").build();
        producer.send(new ProducerRecord<>(topics.thresholdRules(), ruleId, rule));
        producer.flush();
    }

    /** Reports an enterprise's industrial added value over [from, to), in 10^4 RMB. */
    void sendOutputReport(String eventId, String enterpriseId, Instant from, Instant to, double addedValue) {
        OutputReport report = OutputReport.newBuilder().setEventId(eventId).setEnterpriseId(enterpriseId)
                .setPeriodStart(from).setPeriodEnd(to).setAddedValue(addedValue).setPriceBaseYear(null)
                .setReportedAt(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).build();
        producer.send(new ProducerRecord<>(topics.outputReports(), null, report.getReportedAt().toEpochMilli(),
                enterpriseId, report));
        producer.flush();
    }

    static Alert alert(String alertId, String enterpriseId, String parkId, AlertSeverity severity, AlertState state,
                       Instant openedAt, Instant transitionAt) {
        return Alert.newBuilder().setAlertId(alertId).setRuleId("rule-co2-hour").setRuleVersion(1)
                .setSubjectType(SubjectType.ENTERPRISE).setSubjectId(enterpriseId).setParkId(parkId)
                .setMetric("co2Scope1And2LocationT").setWindow(WindowKind.HOUR)
                .setWindowStart(openedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS))
                .setWindowEnd(openedAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600))
                .setSeverity(severity).setState(state).setValue(1.2).setWarningLevel(0.8).setLimit(1.0)
                .setClearLevel(0.7).setUnit("t").setOpenedAt(openedAt).setTransitionAt(transitionAt)
                .setTotals(null).setAddedValue(null).setFactors(List.of()).setLedgerEntryIds(List.of())
                .setMessage(severity + " CO2 of " + enterpriseId + " this hour 1.2 t above " + 1.0 + " t").build();
    }

    void sendAlert(Alert alert) {
        ByteBuffer buffer;
        try {
            buffer = alert.toByteBuffer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        rawProducer.send(new ProducerRecord<>(alertFeed, alert.getAlertId(), bytes));
        rawProducer.flush();
    }

    /** Starts a pipeline instance of application {@code applicationId} and its API. */
    Instance start(String applicationId, Path stateDir, ApiSettings settings) {
        return start(applicationId, stateDir, settings, Map.of());
    }

    /** As {@link #start(String, Path, ApiSettings)}, with further Kafka Streams settings. */
    Instance start(String applicationId, Path stateDir, ApiSettings settings, Map<String, Object> streamsSettings) {
        PrometheusMeterRegistry meters = ApiMetrics.prometheusRegistry();
        Topology topology = ParkWatchTopology.build(topics,
                PipelineSerdes.using(registryClient, SerdeSettings.forValue()), AccountingSettings.defaults(),
                Clock.systemUTC(), new PipelineMetrics(meters));
        attachAlertFeed(topology);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put("consumer.metadata.max.age.ms", 1000);
        settings.applicationServer().ifPresent(s -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, s));
        props.putAll(streamsSettings);
        KafkaStreams streams = new KafkaStreams(topology, props);
        new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams).bindTo(meters);
        started.add(streams::close);
        streams.start();
        ApiServer api = ApiServer.start(settings, streams, meters);
        started.add(api);
        return new Instance(streams, api, meters);
    }

    /** Adds a test source feeding alert transitions into the alert stores, creating them if the topology lacks them. */
    private void attachAlertFeed(Topology topology) {
        Set<String> stores = new HashSet<>();
        for (TopologyDescription.Subtopology s : topology.describe().subtopologies()) {
            for (TopologyDescription.Node n : s.nodes()) {
                if (n instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }
        }
        topology.addSource("it-alert-feed-source", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer(), alertFeed);
        topology.addProcessor("it-alert-feed", AlertFeedProcessor::new, "it-alert-feed-source");
        SpecificAvroSerde<Alert> alertSerde = new SpecificAvroSerde<>(registryClient, Alert.class, SerdeSettings.forValue());
        for (String store : List.of(StoreNames.OPEN_ALERTS, StoreNames.ALERT_HISTORY)) {
            if (stores.contains(store)) {
                topology.connectProcessorAndStateStores("it-alert-feed", store);
            } else {
                topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store),
                        Serdes.String(), alertSerde), "it-alert-feed");
            }
        }
    }

    /** Writes each fed transition as the alerting topology does: history by time, open alerts by id. */
    private static final class AlertFeedProcessor implements Processor<String, byte[], Void, Void> {
        private KeyValueStore<String, Alert> open;
        private KeyValueStore<String, Alert> history;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            open = context.getStateStore(StoreNames.OPEN_ALERTS);
            history = context.getStateStore(StoreNames.ALERT_HISTORY);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Alert alert;
            try {
                alert = Alert.fromByteBuffer(ByteBuffer.wrap(record.value()));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            history.put(FIXED_UTC.format(alert.getTransitionAt()) + "|" + alert.getAlertId(), alert);
            if (alert.getState() == AlertState.RESOLVED) {
                open.delete(alert.getAlertId());
            } else {
                open.put(alert.getAlertId(), alert);
            }
        }
    }

    String newApplicationId() {
        return "parkwatch-api-it-" + unique;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // Closing the rest matters more than one failure at shutdown.
            }
        }
        producer.close();
        rawProducer.close();
        registry.close();
        broker.close();
    }
}
