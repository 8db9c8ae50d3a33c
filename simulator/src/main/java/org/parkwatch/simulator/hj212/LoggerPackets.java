package org.parkwatch.simulator.hj212;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.Answers;

/**
 * The data segments a water data logger sends (HJ 212-2017 Tables C.14 and C.17, system code 32), framed by the
 * gateway's own {@link Answers#frame}: hourly data (2061) with the flow's volume and each analyser's mean and load,
 * asking for an answer, and real-time data (2011), which ask for none. A value the analyser could not measure is
 * sent as its flag alone, as loggers do.
 */
public final class LoggerPackets {

    static final String HOURLY = "2061";
    static final String REAL_TIME = "2011";
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final ZoneId zone;

    /** @param zone the devices' clock zone, as the gateway reads DataTime ({@code parkwatch.calendar.zone}) */
    public LoggerPackets(ZoneId zone) {
        this.zone = zone;
    }

    /** The QN of a packet sent at {@code time}: the logger's clock to the millisecond. */
    public String qn(Instant time) {
        return QN.format(time.atZone(zone));
    }

    /**
     * Hourly data of {@code sample}'s hour (DataTime: its start); {@code backfill} marks a late upload with
     * {@code RF=1} (HJ 212-2025) and {@code password} is what the logger sends as PW.
     */
    public String hourly(SimulatedDevice device, String qn, String password, WastewaterSample sample,
                         boolean backfill) {
        StringBuilder area = new StringBuilder("DataTime=").append(DATA_TIME.format(sample.getIntervalStart()
                .atZone(zone))).append(';');
        double volume = sample.getVolumeM3();
        area.append("w00000-Avg=").append(plain(round(volume * 1000 / 3600, 3))).append(",w00000-Cou=")
                .append(plain(volume)).append(",w00000-Flag=").append(sample.getVolumeFlag());
        pollutant(area, "w01018", sample.getCodMgPerL(), sample.getCodFlag(), volume);
        pollutant(area, "w21003", sample.getAmmoniaNitrogenMgPerL(), sample.getAmmoniaNitrogenFlag(), volume);
        String header = header(device, qn, HOURLY, password, true) + (backfill ? "RF=1;" : "");
        return header + "CP=&&" + area + "&&";
    }

    /** Real-time data at {@code time} from the hour's sample: flow in L/s, concentrations in mg/L. */
    public String realTime(SimulatedDevice device, String qn, Instant time, WastewaterSample hour) {
        StringBuilder area = new StringBuilder("DataTime=").append(DATA_TIME.format(time.atZone(zone))).append(';');
        area.append("w00000-Rtd=").append(plain(round(hour.getVolumeM3() * 1000 / 3600, 3)))
                .append(",w00000-Flag=N");
        realTimeValue(area, "w01018", hour.getCodMgPerL(), hour.getCodFlag());
        realTimeValue(area, "w21003", hour.getAmmoniaNitrogenMgPerL(), hour.getAmmoniaNitrogenFlag());
        return header(device, qn, REAL_TIME, device.password(), false) + "CP=&&" + area + "&&";
    }

    /**
     * The logger's answer to a platform request with QN {@code requestQn}: 9011 ({@code QnRtn=1}, ready) or 9012
     * ({@code ExeRtn=1}, done), with ST 91 and no answer asked, as HJ 212-2017 Table C.21 shows them.
     */
    public String requestAnswer(SimulatedDevice device, String requestQn, String cn, String result) {
        return "QN=" + requestQn + ";ST=91;CN=" + cn + ";PW=" + device.password() + ";MN=" + device.mn() + ";Flag="
                + device.version().answerFlag() + ";CP=&&" + result + "&&";
    }

    /** A BeginTime or EndTime of a request, read on the logger's clock. */
    public Instant requestTime(String time) {
        return java.time.LocalDateTime.parse(time, DATA_TIME).atZone(zone).toInstant();
    }

    private static String header(SimulatedDevice device, String qn, String cn, String password, boolean answer) {
        int flag = device.version().answerFlag() | (answer ? 1 : 0);
        return "QN=" + qn + ";ST=32;CN=" + cn + ";PW=" + password + ";MN=" + device.mn() + ";Flag=" + flag + ";";
    }

    /** Mean concentration (mg/L) and load (kg = m3 × mg/L × 10⁻³, Appendix D), or the flag alone. */
    private static void pollutant(StringBuilder area, String code, Double mgPerL, DataFlag flag, double volume) {
        area.append(';');
        if (mgPerL != null) {
            area.append(code).append("-Avg=").append(plain(mgPerL)).append(',').append(code).append("-Cou=")
                    .append(plain(round(volume * mgPerL / 1000, 4))).append(',');
        }
        area.append(code).append("-Flag=").append(flag);
    }

    private static void realTimeValue(StringBuilder area, String code, Double mgPerL, DataFlag flag) {
        area.append(';');
        if (mgPerL != null) {
            area.append(code).append("-Rtd=").append(plain(mgPerL)).append(',');
        }
        area.append(code).append("-Flag=").append(flag);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
