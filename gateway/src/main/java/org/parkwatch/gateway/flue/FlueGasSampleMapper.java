package org.parkwatch.gateway.flue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.gateway.hj212.DataFields;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.UnreadablePacketException;
import org.parkwatch.gateway.water.WastewaterSampleMapper;

/**
 * Turns a CEMS's hourly (2061) or daily (2031) data (HJ 212 system code 31, air pollution source) into a
 * {@link FlueGasSample}: the flue-gas volume from {@code a00000-Cou} (m3), SO2 ({@code a21026}), NOx
 * ({@code a21002}) and particulate ({@code a34013}) each with its measured mean {@code -Avg}, its mean converted to
 * the reference O2 content {@code -ZsAvg} (mg/m3) and its load {@code -Cou} (kg: HJ 212-2017 Table B.2 gives the
 * flue-gas pollutants' emission unit as kg, domain.md 1.7), the O2 mean {@code a19001-Avg} (%), and every data
 * flag. HJ/T 212-2005 codes ({@code B02}, {@code 02}, {@code 03}, {@code 01}, {@code S01}) are read as their 2017
 * successors. Only the granularity the device accounts is turned into samples, as for water.
 *
 * <p>A pollutant sent without its load but with its mean and a flue-gas volume gets the load of HJ 212-2017
 * Appendix D, {@code G = C × Q × 10⁻⁶} kg (mg/m3 × m3), so the pipeline accounts what the device measured; without
 * either it stays without a load, and the pipeline treats the hour as one without valid CEMS data. A pollutant the
 * packet does not mention at all is absent.
 *
 * <p>Data to account from a device whose registration names no stack cannot be attributed to a stack, and so
 * neither to the combustion units whose fuel balance they supersede: they are {@link NoStack}, which the intake
 * keeps as an {@code UNKNOWN_STACK} dead letter; once the device's record names its stack, the device is asked to
 * resend the period (a raw packet is not replayed from its topic).
 */
public final class FlueGasSampleMapper {

    /** The system code of air pollution sources (flue gas, stacks): HJ 212-2017 Table 5 (domain.md 1.3). */
    public static final Set<String> FLUE_GAS_SYSTEMS = Set.of("31");

    static final String FLOW = "a00000";
    static final String O2 = "a19001";
    static final String SO2 = "a21026";
    static final String NOX = "a21002";
    static final String PARTICULATE = "a34013";
    /** HJ 212-2017 Table B.2 "old code" column (domain.md 1.7). */
    private static final Map<String, String> CODES_OF_2005 = Map.of(FLOW, "B02", O2, "S01", SO2, "02", NOX, "03",
            PARTICULATE, "01");

    private final DataFields fields;

    /** @param zone the devices' clock zone, in which DataTime is read (the park's calendar zone) */
    public FlueGasSampleMapper(ZoneId zone) {
        this.fields = new DataFields(CODES_OF_2005, zone);
    }

    /** What became of a packet's flue-gas data. */
    public sealed interface Mapping permits Accountable, NotAccounted, NoStack {
    }

    /** A sample to account. */
    public record Accountable(FlueGasSample sample) implements Mapping {
    }

    /** Data kept on the raw topic only, and why. */
    public record NotAccounted(String why) implements Mapping {
    }

    /** Data to account from a device registered without a stack: a dead letter, and why. */
    public record NoStack(String why) implements Mapping {
    }

    /**
     * @throws UnreadablePacketException when the data are of an accounted granularity but DataTime is missing or a
     *                                   value is not a number
     */
    public Mapping map(Packet packet, Device device) throws UnreadablePacketException {
        Optional<AccountedGranularity> granularity = switch (packet.cn()) {
            case WastewaterSampleMapper.HOURLY -> Optional.of(AccountedGranularity.HOURLY);
            case WastewaterSampleMapper.DAILY -> Optional.of(AccountedGranularity.DAILY);
            default -> Optional.empty();
        };
        if (granularity.isEmpty()) {
            return new NotAccounted("CN " + packet.cn() + " is neither hourly (2061) nor daily (2031) data");
        }
        if (!FLUE_GAS_SYSTEMS.contains(packet.st())) {
            return new NotAccounted("ST " + packet.st() + " is not a flue-gas system");
        }
        if (granularity.get() != device.getAccountedGranularity()) {
            return new NotAccounted("device " + device.getMn() + " accounts its "
                    + device.getAccountedGranularity().name().toLowerCase(Locale.ROOT) + " data");
        }
        if (device.getStackId() == null || device.getStackId().isBlank()) {
            return new NoStack("device " + device.getMn() + " sends flue-gas data (ST=31) but its registration"
                    + " names no stackId; register it with the stack it measures");
        }
        String dataTime = packet.field("DataTime")
                .orElseThrow(() -> new UnreadablePacketException("DataTime is missing"));
        ZonedDateTime start = fields.start(dataTime);
        ZonedDateTime end = granularity.get() == AccountedGranularity.HOURLY ? start.plusHours(1) : start.plusDays(1);
        Optional<Double> flow = fields.number(packet, FLOW, "Cou");
        return new Accountable(FlueGasSample.newBuilder()
                .setEventId(WastewaterSampleMapper.eventId(packet.mn(), packet.cn(), dataTime))
                .setEnterpriseId(device.getEnterpriseId())
                .setStackId(device.getStackId())
                .setFlowM3(flow.orElse(null))
                .setFlowFlag(fields.flag(packet, FLOW))
                .setO2Percent(fields.number(packet, O2, "Avg").orElse(null))
                .setO2Flag(fields.flag(packet, O2))
                .setSo2(pollutant(packet, SO2, flow).orElse(null))
                .setNox(pollutant(packet, NOX, flow).orElse(null))
                .setParticulate(pollutant(packet, PARTICULATE, flow).orElse(null))
                .setIntervalStart(start.toInstant())
                .setIntervalEnd(end.toInstant())
                .setSource("hj212")
                .build());
    }

    private Optional<StackPollutant> pollutant(Packet packet, String code, Optional<Double> flowM3)
            throws UnreadablePacketException {
        boolean mentioned = fields.value(packet, code, "Avg").isPresent() || fields.value(packet, code, "ZsAvg").isPresent()
                || fields.value(packet, code, "Cou").isPresent() || fields.flagText(packet, code).isPresent();
        if (!mentioned) {
            return Optional.empty();
        }
        Optional<Double> measured = fields.number(packet, code, "Avg");
        Optional<Double> load = fields.number(packet, code, "Cou");
        if (load.isEmpty() && measured.isPresent() && flowM3.isPresent()) {
            load = Optional.of(measured.get() * flowM3.get() / 1_000_000);
        }
        return Optional.of(new StackPollutant(measured.orElse(null), fields.number(packet, code, "ZsAvg").orElse(null),
                load.orElse(null), fields.flag(packet, code)));
    }
}
