package org.parkwatch.gateway;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.Device;
import org.parkwatch.gateway.gaps.DataGapWatch;
import org.parkwatch.gateway.intake.DeviceActivity;
import org.parkwatch.gateway.kafka.KafkaDataGaps;
import org.parkwatch.gateway.server.DeviceChannels;
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
        return start(settings, clientProperties, values, devices, null, meters);
    }

    /**
     * @param gaps reads {@link DataGap} values, to restore the gaps still open; with it and a gap topic in the
     *             settings the gateway watches data gaps and asks devices for missing hours
     */
    public static Hj212Gateway start(GatewaySettings settings, Map<String, Object> clientProperties,
                                     Serializer<SpecificRecord> values, Deserializer<Device> devices,
                                     Deserializer<DataGap> gaps, MeterRegistry meters) {
        Hj212Gateway gateway = new Hj212Gateway();
        try {
            gateway.startAll(settings, clientProperties, values, devices, gaps, meters);
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
                          Serializer<SpecificRecord> values, Deserializer<Device> deviceValues,
                          Deserializer<DataGap> gapValues, MeterRegistry meters) throws InterruptedException {
        KafkaDeviceDirectory devices = KafkaDeviceDirectory.start(clientProperties, deviceValues,
                settings.topics().devices());
        started.push(devices);
        devices.awaitLoaded(settings.startupTimeout());
        KafkaOutcomePublisher publisher = KafkaOutcomePublisher.create(clientProperties, values, settings.topics());
        started.push(publisher);
        WastewaterSampleMapper water = new WastewaterSampleMapper(settings.zone());
        DeviceActivity activity = DeviceActivity.NONE;
        DeviceChannels channels = DeviceChannels.NONE;
        if (settings.topics().dataGaps() != null && gapValues != null) {
            // Open gaps are read back so they close when their data come and their hours are asked for again; what
            // the gateway knew of each device's timing is not kept: it is learnt again from the next packets.
            List<DataGap> open = KafkaDataGaps.openGaps(clientProperties, gapValues, settings.topics().dataGaps(),
                    settings.startupTimeout());
            KafkaDataGaps gapTopic = KafkaDataGaps.create(clientProperties, values, settings.topics().dataGaps());
            started.push(gapTopic);
            DataGapWatch watch = new DataGapWatch(settings.gaps(), settings.zone(), devices, gapTopic, open,
                    Clock.systemUTC(), meters);
            started.push(watch);
            activity = watch;
            channels = watch;
            LOG.info("Watching data gaps, {} open on {}", open.size(), settings.topics().dataGaps());
        }
        DeviceActivity heard = activity;
        FlueGasSampleMapper flueGas = new FlueGasSampleMapper(settings.zone());
        server = GatewayServer.start(settings.host(), settings.port(), settings.idleTimeout(),
                () -> new ConnectionIntake(devices, water, flueGas, heard), publisher, new GatewayMetrics(meters),
                channels);
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
