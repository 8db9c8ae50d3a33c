package org.parkwatch.registry.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkwatch.registry.state.CompatibilityLevel;
import org.parkwatch.registry.state.RegistryCommand;
import org.parkwatch.registry.state.RegistryCommand.ClearCompatibility;
import org.parkwatch.registry.state.RegistryCommand.DeleteSubject;
import org.parkwatch.registry.state.RegistryCommand.DeleteVersion;
import org.parkwatch.registry.state.RegistryCommand.RegisterSchema;
import org.parkwatch.registry.state.RegistryCommand.SetCompatibility;

class LogEntryCodecTest {

    @Test
    void shouldRoundTripEveryCommand() {
        List<RegistryCommand<?>> commands = List.of(
                new RegisterSchema("readings-value", "\"string\""),
                new DeleteVersion("readings-value", 3, true),
                new DeleteSubject("readings-value", false),
                new SetCompatibility("readings-value", CompatibilityLevel.FULL_TRANSITIVE),
                new SetCompatibility(null, CompatibilityLevel.NONE),
                new ClearCompatibility("readings-value"));

        for (RegistryCommand<?> command : commands) {
            assertThat(LogEntryCodec.decode(LogEntryCodec.encode(command))).contains(command);
        }
    }

    @Test
    void shouldWriteARegistrationAsReadableJson() {
        String json = new String(LogEntryCodec.encode(new RegisterSchema("s", "\"int\"")), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"type\":\"register\",\"subject\":\"s\",\"schema\":\"\\\"int\\\"\"}");
    }

    @Test
    void shouldSkipValuesItDoesNotUnderstand() {
        assertThat(LogEntryCodec.decode("{\"type\":\"rename\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LogEntryCodec.decode("not json".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LogEntryCodec.decode(null)).isEmpty();
    }
}
