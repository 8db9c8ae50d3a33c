package org.parkwatch.deploy;

import java.util.Map;
import java.util.concurrent.Callable;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.CipherTextEncoding;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.DeviceEncryption;
import org.parkwatch.avro.EncryptionScheme;
import org.parkwatch.deploy.admin.ConnectionCheck;
import org.parkwatch.deploy.admin.ReferenceDataLoader;
import org.parkwatch.deploy.config.ConfigLoader;
import org.parkwatch.deploy.config.ParkWatchConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Registers (or changes, or deactivates) one HJ 212 device on the devices topic, keyed by its MN. The gateway
 * follows the topic, so the device counts from its next packet.
 */
@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register an HJ 212 monitoring device with the gateway, or change it (the latest record of an "
                + "MN wins; --inactive refuses its packets from then on).",
                "Stops at once, naming it, when the Kafka cluster or the Schema Registry does not answer within "
                        + "parkwatch.connect.timeout.ms (10 s)."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:registered, or already so", "2:bad arguments or configuration",
                "3:the Kafka cluster or the Schema Registry cannot be reached"})
final class DeviceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigurationOptions configuration = new ConfigurationOptions();

    @Option(names = "--mn", required = true, description = "The device's MN, as it sends it.")
    String mn;

    @Option(names = "--password", required = true, description = "The PW it sends.")
    String password;

    @Option(names = "--enterprise", required = true, description = "enterpriseId of the enterprise it measures.")
    String enterpriseId;

    @Option(names = "--outlet", description = "The wastewater outlet it measures (water devices, ST 32).")
    String outletId;

    @Option(names = "--stack", description = "The stack it measures (flue-gas devices, ST 31).")
    String stackId;

    @Option(names = "--account", defaultValue = "HOURLY",
            description = "Which of its data are accounted as loads: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    AccountedGranularity granularity;

    @Option(names = "--inactive", description = "Refuse its packets from now on.")
    boolean inactive;

    @Option(names = "--sm4-key", description = "HJ 212-2025 SM4 key (32 hexadecimal characters) the device encrypts"
            + " its CP region with; without it the device sends plaintext.")
    String sm4Key;

    @Option(names = "--cipher-text", defaultValue = "HEX", description = "How its SM4 ciphertext travels:"
            + " ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); implementers of HJ 212-2025 differ.")
    CipherTextEncoding cipherText;

    @Override
    public Integer call() {
        if (sm4Key != null && !sm4Key.matches("[0-9A-Fa-f]{32}")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sm4-key must be 32 hexadecimal characters");
        }
        ParkWatchConfig config = ConfigLoader.fromSystemEnvironment().load(configuration.file(),
                configuration.overrides());
        ConnectionCheck check = new ConnectionCheck(config.startup().connectTimeout());
        check.kafka(config.kafka());
        check.registry(config.registry());
        Device device = Device.newBuilder().setMn(mn).setPassword(password).setEnterpriseId(enterpriseId)
                .setOutletId(outletId).setStackId(stackId).setAccountedGranularity(granularity)
                .setActive(!inactive)
                .setEncryption(new DeviceEncryption(sm4Key == null ? EncryptionScheme.NONE : EncryptionScheme.SM4,
                        sm4Key, cipherText))
                .build();
        String topic = config.topicLayout().topics().devices();
        try (ReferenceDataLoader loader = ReferenceDataLoader.connect(config)) {
            var summary = loader.publish(topic, Map.of(mn, device));
            spec.commandLine().getOut().printf("Device %s: %s on %s%n", mn,
                    summary.written().isEmpty() ? "already registered so" : "registered", topic);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
