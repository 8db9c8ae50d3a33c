package org.parkwatch.bench;

import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.parkwatch.serde.SerdeSettings;
import org.parkwatch.serde.registry.RegistryClientSettings;
import org.parkwatch.serde.registry.RestSchemaRegistryClient;
import org.parkwatch.topology.PipelineSerdes;
import org.parkwatch.topology.Topics;

/**
 * The baseline the pipeline is held against: a Kafka Streams application that reads the same activity topics with
 * the same Avro serdes and the same processing guarantee, and writes every record unchanged to a copy of its topic.
 * It does nothing else, so it is the most any Kafka Streams application can do with these records here.
 *
 * <p>Arguments: bootstrap servers, registry URL, application id, topic prefix, state directory, threads.
 */
public final class PassThroughApp {

    private PassThroughApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String bootstrap = args[0];
        String registryUrl = args[1];
        Topics topics = Topics.withPrefix(args[3]);
        PipelineSerdes serdes = PipelineSerdes.using(
                new RestSchemaRegistryClient(RegistryClientSettings.forUrls(registryUrl)), SerdeSettings.forValue());

        StreamsBuilder builder = new StreamsBuilder();
        copy(builder, topics.meterReadings(), serdes.meterReading());
        copy(builder, topics.fuelConsumption(), serdes.fuelConsumption());
        copy(builder, topics.wastewaterSamples(), serdes.wastewaterSample());

        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, args[2]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[4]);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.parseInt(args[5]));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            streams.close();
            stopped.countDown();
        }));
        streams.start();
        stopped.await();
    }

    private static <T extends SpecificRecord> void copy(StreamsBuilder builder, String topic, Serde<T> serde) {
        builder.stream(topic, Consumed.with(Serdes.String(), serde))
                .to(copyOf(topic), Produced.with(Serdes.String(), serde));
    }

    static String copyOf(String topic) {
        return topic + ".pass-through";
    }
}
