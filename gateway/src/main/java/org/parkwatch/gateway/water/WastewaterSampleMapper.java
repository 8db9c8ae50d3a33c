package org.parkwatch.gateway.water;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.DataFields;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.UnreadablePacketException;

/**
 * Turns a water device's hourly (2061) or daily (2031) data into a {@link WastewaterSample}: the volume discharged
 * from the flow's {@code w00000-Cou} (m3), the COD ({@code w01018}) and NH3-N ({@code w21003}) concentrations in
 * mg/L, and each value's data flag. Only the granularity the device accounts is turned into samples, so a load is
 * never counted from both its hours and its day.
 *
 * <p>A concentration is the analyser's {@code -Avg}; where a device sends only the load {@code -Cou} (kg), it is the
 * flow-weighted mean {@code C = G / D × 10³} (HJ 212-2017 Appendix D), so the pipeline's load, volume × C × 10⁻³,
 * is the device's. HJ/T 212-2005 codes ({@code B01}, {@code 011}, {@code 060}) are read as their 2017 successors.
 */
public final class WastewaterSampleMapper {

    /** Water systems whose data are accounted: surface-water pollution sources (32) and surface water (21). */
    public static final Set<String> WATER_SYSTEMS = Set.of("32", "21");
    public static final String HOURLY = "2061";
    public static final String DAILY = "2031";

    static final String FLOW = "w00000";
    static final String COD = "w01018";
    static final String NH3N = "w21003";
    private static final Map<String, String> CODES_OF_2005 = Map.of(FLOW, "B01", COD, "011", NH3N, "060");

    private final DataFields fields;

    /** @param zone the devices' clock zone, in which DataTime is read (the park's calendar zone) */
    public WastewaterSampleMapper(ZoneId zone) {
        this.fields = new DataFields(CODES_OF_2005, zone);
    }

    /** The zone DataTime is read in. */
    public ZoneId zone() {
        return fields.zone();
    }

    /** What became of a packet's water data. */
    public sealed interface Mapping permits Accountable, NotAccounted {
    }

    /** A sample to account. */
    public record Accountable(WastewaterSample sample) implements Mapping {
    }

    /** Data kept on the raw topic only, and why. */
    public record NotAccounted(String why) implements Mapping {
    }

    /** The eventId of a packet's data: a resend of the same data by the same device gets the same one. */
    public static String eventId(String mn, String cn, String dataTime) {
        return "hj212:" + mn + ":" + cn + ":" + dataTime;
    }

    /**
     * @throws UnreadablePacketException when the data are of an accounted granularity but a field they need is
     *                                   missing or not a number
     */
    public Mapping map(Packet packet, Device device) throws UnreadablePacketException {
        Optional<AccountedGranularity> granularity = switch (packet.cn()) {
            case HOURLY -> Optional.of(AccountedGranularity.HOURLY);
            case DAILY -> Optional.of(AccountedGranularity.DAILY);
            default -> Optional.empty();
        };
        if (granularity.isEmpty()) {
            return new NotAccounted("CN " + packet.cn() + " is neither hourly (2061) nor daily (2031) data");
        }
        if (!WATER_SYSTEMS.contains(packet.st())) {
            return new NotAccounted("ST " + packet.st() + " is not a water system");
        }
        if (device.getOutletId() == null) {
            return new NotAccounted("device " + device.getMn() + " names no outlet");
        }
        if (granularity.get() != device.getAccountedGranularity()) {
            return new NotAccounted("device " + device.getMn() + " accounts its "
                    + device.getAccountedGranularity().name().toLowerCase(java.util.Locale.ROOT) + " data");
        }
        String dataTime = packet.field("DataTime")
                .orElseThrow(() -> new UnreadablePacketException("DataTime is missing"));
        ZonedDateTime start = fields.start(dataTime);
        ZonedDateTime end = granularity.get() == AccountedGranularity.HOURLY ? start.plusHours(1) : start.plusDays(1);
        double volume = fields.number(packet, FLOW, "Cou")
                .orElseThrow(() -> new UnreadablePacketException(FLOW + "-Cou (volume discharged) is missing"));
        return new Accountable(WastewaterSample.newBuilder()
                .setEventId(eventId(packet.mn(), packet.cn(), dataTime))
                .setEnterpriseId(device.getEnterpriseId())
                .setOutletId(device.getOutletId())
                .setVolumeM3(volume)
                .setVolumeFlag(fields.flag(packet, FLOW))
                .setCodMgPerL(concentration(packet, COD, volume).orElse(null))
                .setCodFlag(fields.flag(packet, COD))
                .setAmmoniaNitrogenMgPerL(concentration(packet, NH3N, volume).orElse(null))
                .setAmmoniaNitrogenFlag(fields.flag(packet, NH3N))
                .setIntervalStart(start.toInstant())
                .setIntervalEnd(end.toInstant())
                .setSource("hj212")
                .build());
    }

    private Optional<Double> concentration(Packet packet, String code, double volume)
            throws UnreadablePacketException {
        Optional<Double> average = fields.number(packet, code, "Avg");
        if (average.isPresent()) {
            return average;
        }
        Optional<Double> loadKg = fields.number(packet, code, "Cou");
        if (loadKg.isPresent() && volume > 0) {
            return Optional.of(loadKg.get() / volume * 1000);
        }
        return Optional.empty();
    }
}
