package org.parkwatch.gateway.gaps;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.parkwatch.avro.Device;
import org.parkwatch.avro.Hj212Version;
import org.parkwatch.gateway.hj212.Answers;

/**
 * The platform's request that a device send a period of its history again, as HJ 212-2017 Appendix C Table C.21
 * writes it for hourly data: {@code QN=<the platform's>;ST=<the device's system>;CN=2061;PW=...;MN=...;Flag=5;
 * CP=&&BeginTime=...;EndTime=...&&}, Flag being the device's version bits with bit A set (an answer is asked: the
 * device answers 9011, sends the data, and ends with 9012). Times are on the device's clock, to the hour.
 */
public final class ReissueRequest {

    /** Hourly data, HJ 212-2017 Table 9 / Table C.21. */
    public static final String HOURLY = "2061";
    /** ST of flue-gas (31) and wastewater (32) systems, HJ 212-2017 Table 5. */
    static final String ST_FLUE_GAS = "31";
    static final String ST_WASTEWATER = "32";

    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private ReissueRequest() {
    }

    /**
     * The data segment asking {@code device} for the hourly data of the hours from {@code firstHour} to
     * {@code lastHour} (both included: Table C.21 asks for one hour with BeginTime = EndTime).
     *
     * @param qn   the platform's request number (see {@link #qn})
     * @param zone the zone of the device's clock
     */
    public static String hourly(Device device, String qn, Instant firstHour, Instant lastHour, ZoneId zone) {
        String st = device.getStackId() != null && device.getOutletId() == null ? ST_FLUE_GAS : ST_WASTEWATER;
        // Version bits 1 (2017) or 2 (2025) in bits 2-7 of Flag, and bit A (1): HJ 212-2017 §6.3.3, hj212-2025.md.
        int flag = (device.getProtocolVersion() == Hj212Version.HJ212_2025 ? 2 : 1) << 2 | 1;
        return "QN=" + qn + ";ST=" + st + ";CN=" + HOURLY + ";PW=" + device.getPassword() + ";MN=" + device.getMn()
                + ";Flag=" + flag + ";CP=&&BeginTime=" + TIME.format(firstHour.atZone(zone)) + ";EndTime="
                + TIME.format(lastHour.atZone(zone)) + "&&";
    }

    /** The request framed: {@code ##}, length, data segment, CRC (Appendix A), CRLF. */
    public static byte[] framed(String dataSegment) {
        return Answers.frame(dataSegment);
    }

    /** A QN as HJ 212 writes one (yyyyMMddHHmmssSSS, §6.3.3 Table 3), at {@code time} on the device's clock. */
    public static String qn(Instant time, ZoneId zone) {
        return QN.format(time.atZone(zone));
    }
}
