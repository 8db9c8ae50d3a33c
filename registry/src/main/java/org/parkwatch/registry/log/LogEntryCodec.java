package org.parkwatch.registry.log;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.parkwatch.registry.state.CompatibilityLevel;
import org.parkwatch.registry.state.RegistryCommand;
import org.parkwatch.registry.state.RegistryCommand.ClearCompatibility;
import org.parkwatch.registry.state.RegistryCommand.DeleteSubject;
import org.parkwatch.registry.state.RegistryCommand.DeleteVersion;
import org.parkwatch.registry.state.RegistryCommand.RegisterSchema;
import org.parkwatch.registry.state.RegistryCommand.SetCompatibility;

/** Turns registry commands into the JSON values of the schema topic's records and back. */
public final class LogEntryCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The record value; fields a kind does not use are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LogEntry(String type, String subject, String schema, Integer version, Boolean permanent,
                    String compatibility) {
    }

    private LogEntryCodec() {
    }

    public static byte[] encode(RegistryCommand<?> command) {
        LogEntry entry;
        if (command instanceof RegisterSchema register) {
            entry = new LogEntry(register.kind(), register.subject(), register.schema(), null, null, null);
        } else if (command instanceof DeleteVersion delete) {
            entry = new LogEntry(delete.kind(), delete.subject(), null, delete.version(), delete.permanent(), null);
        } else if (command instanceof DeleteSubject delete) {
            entry = new LogEntry(delete.kind(), delete.subject(), null, null, delete.permanent(), null);
        } else if (command instanceof SetCompatibility config) {
            entry = new LogEntry(config.kind(), config.subject(), null, null, null, config.level().name());
        } else if (command instanceof ClearCompatibility clear) {
            entry = new LogEntry(clear.kind(), clear.subject(), null, null, null, null);
        } else {
            throw new IllegalArgumentException("Unknown command " + command);
        }
        try {
            return MAPPER.writeValueAsBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command in a record value; empty for a value this version does not understand. */
    public static Optional<RegistryCommand<?>> decode(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            LogEntry entry = MAPPER.readValue(value, LogEntry.class);
            return Optional.ofNullable(toCommand(entry));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static RegistryCommand<?> toCommand(LogEntry entry) {
        if (entry.type() == null) {
            return null;
        }
        boolean permanent = Boolean.TRUE.equals(entry.permanent());
        return switch (entry.type()) {
            case "register" -> new RegisterSchema(entry.subject(), entry.schema());
            case "delete-version" -> new DeleteVersion(entry.subject(), entry.version(), permanent);
            case "delete-subject" -> new DeleteSubject(entry.subject(), permanent);
            case "config" -> new SetCompatibility(entry.subject(), CompatibilityLevel.valueOf(entry.compatibility()));
            case "clear-config" -> new ClearCompatibility(entry.subject());
            default -> null;
        };
    }
}
