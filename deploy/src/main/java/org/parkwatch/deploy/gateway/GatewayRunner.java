package org.parkwatch.deploy.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.Device;
import org.parkwatch.deploy.config.GatewayConfig;
import org.parkwatch.deploy.config.ParkWatchConfig;
import org.parkwatch.gateway.GatewaySettings;
import org.parkwatch.gateway.GatewayTopics;
import org.parkwatch.gateway.Hj212Gateway;
import org.parkwatch.serde.SpecificAvroDeserializer;
import org.parkwatch.serde.SpecificAvroSerializer;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.topology.Topics;

/** Starts the HJ 212 gateway on the topics, registry and Kafka settings of a ParkWatch configuration. */
public final class GatewayRunner {

    private GatewayRunner() {
    }

    public static Hj212Gateway start(ParkWatchConfig config, MeterRegistry meters) {
        return Hj212Gateway.start(settings(config), config.kafka().clientProperties(), serializer(config),
                new SpecificAvroDeserializer<>(new RestSchemaRegistryClient(config.registry().clientSettings()),
                        Device.class),
                new SpecificAvroDeserializer<>(new RestSchemaRegistryClient(config.registry().clientSettings()),
                        DataGap.class), meters);
    }

    static GatewaySettings settings(ParkWatchConfig config) {
        Topics topics = config.topicLayout().topics();
        GatewayConfig gateway = config.gateway();
        return new GatewaySettings(gateway.host(), gateway.port(), gateway.idleTimeout(), config.accounting().zone(),
                gateway.devicesLoadTimeout(), new GatewayTopics(topics.hj212Packets(), topics.devices(),
                topics.wastewaterSamples(), topics.flueGasSamples(), topics.deadLetters(), topics.dataGaps()),
                gateway.gaps());
    }

    private static SpecificAvroSerializer<SpecificRecord> serializer(ParkWatchConfig config) {
        return new SpecificAvroSerializer<>(new RestSchemaRegistryClient(config.registry().clientSettings()),
                config.registry().valueSerdeSettings());
    }
}
