package org.parkwatch.gateway.hj212;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.DataFlag;

/**
 * How the values of a data packet's CP region are read, for water and flue gas alike: a factor's field
 * {@code code-suffix} (Avg, Cou, ZsAvg, Flag...), or the same under its HJ/T 212-2005 code; numbers that must be
 * finite; data flags (HJ 212-2017 Table 8); and DataTime on the devices' clock.
 */
public final class DataFields {

    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Map<String, String> codesOf2005;
    private final ZoneId zone;

    /**
     * @param codesOf2005 each 2017 factor code read, with its HJ/T 212-2005 predecessor
     * @param zone        the devices' clock zone, in which DataTime is read (the park's calendar zone)
     */
    public DataFields(Map<String, String> codesOf2005, ZoneId zone) {
        this.codesOf2005 = Map.copyOf(codesOf2005);
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The text of {@code code-suffix}, or of the same field under the factor's 2005 code. */
    public Optional<String> value(Packet packet, String code, String suffix) {
        return packet.field(code + "-" + suffix).or(() -> packet.field(codesOf2005.get(code) + "-" + suffix));
    }

    /**
     * The number in {@code code-suffix}; empty when the field is absent or blank.
     *
     * @throws UnreadablePacketException when it is there but not a finite number
     */
    public Optional<Double> number(Packet packet, String code, String suffix) throws UnreadablePacketException {
        Optional<String> text = value(packet, code, suffix);
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(text.get());
            if (!Double.isFinite(value)) {
                throw new NumberFormatException("not finite");
            }
            return Optional.of(value);
        } catch (NumberFormatException e) {
            throw new UnreadablePacketException(code + "-" + suffix + " '" + text.get() + "' is not a number");
        }
    }

    /** The text of the factor's flag, written {@code -Flag} or, by some devices, {@code -flag}. */
    public Optional<String> flagText(Packet packet, String code) {
        return value(packet, code, "Flag").or(() -> value(packet, code, "flag"));
    }

    /** The value's data flag (Table 8); absent means normal, an unknown one reads as a fault (D). */
    public DataFlag flag(Packet packet, String code) {
        Optional<String> text = flagText(packet, code);
        if (text.isEmpty() || text.get().isEmpty()) {
            return DataFlag.N;
        }
        try {
            return DataFlag.valueOf(text.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DataFlag.D;
        }
    }

    /** The start of the interval a DataTime names, on the devices' clock. */
    public ZonedDateTime start(String dataTime) throws UnreadablePacketException {
        // Some devices append milliseconds (yyyyMMddHHmmsszzz); the interval starts at the second.
        String seconds = dataTime.length() == 17 ? dataTime.substring(0, 14) : dataTime;
        try {
            return LocalDateTime.parse(seconds, DATA_TIME).atZone(zone);
        } catch (DateTimeParseException e) {
            throw new UnreadablePacketException("DataTime '" + dataTime + "' is not yyyyMMddHHmmss");
        }
    }
}
