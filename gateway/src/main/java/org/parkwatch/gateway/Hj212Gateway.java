package org.parkwatch.gateway;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.intake.ConnectionIntake;
import org.parkwatch.gateway.kafka.KafkaDeviceDirectory;
import org.parkwatch.gateway.kafka.KafkaOutcomePublisher;
import org.parkwatch.gateway.server.GatewayServer;
import org.parkwatch.gateway.flue.FlueGasSampleMapper;
import org.parkwatch.gateway.water.WastewaterSampleMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HJ 212 gateway, wired: the device list followed from its topic, the publisher of each packet's records, and
 * the TCP server, started in that order (a device is only heard once the devices are known) and stopped in reverse.
 */
public final class Hj212Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212Gateway.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private GatewayServer server;

    private Hj212Gateway() {
    }

    /**
     * @param clientProperties Kafka client settings (bootstrap servers, security...)
     * @param values           writes Avro values in the Confluent wire format
     * @param devices          reads {@link Device} values
     */
    public static Hj212Gateway start(GatewaySettings settings, Map<String, Object> clientProperties,
                                     Serializer<SpecificRecord> values, Deserializer<Device> devices,
                                     MeterRegistry meters) {
        Hj212Gateway gateway = new Hj212Gateway();
        try {
            gateway.startAll(settings, clientProperties, values, devices, meters);
            return gateway;
        } catch (InterruptedException e) {
            gateway.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the gateway", e);
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void startAll(GatewaySettings settings, Map<String, Object> clientProperties,
                          Serializer<SpecificRecord> values, Deserializer<Device> deviceValues, MeterRegistry meters)
            throws InterruptedException {
        KafkaDeviceDirectory devices = KafkaDeviceDirectory.start(clientProperties, deviceValues,
                settings.topics().devices());
        started.push(devices);
        devices.awaitLoaded(settings.startupTimeout());
        KafkaOutcomePublisher publisher = KafkaOutcomePublisher.create(clientProperties, values, settings.topics());
        started.push(publisher);
        WastewaterSampleMapper water = new WastewaterSampleMapper(settings.zone());
        FlueGasSampleMapper flueGas = new FlueGasSampleMapper(settings.zone());
        server = GatewayServer.start(settings.host(), settings.port(), settings.idleTimeout(),
                () -> new ConnectionIntake(devices, water, flueGas), publisher, new GatewayMetrics(meters));
        started.push(server);
        LOG.info("HJ 212 gateway listening on {}:{} with {} devices", settings.host(), server.port(), devices.size());
    }

    /** The TCP port devices connect to. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable next = started.pop();
            try {
                next.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Error while stopping {}", next, e);
            }
        }
    }
}
