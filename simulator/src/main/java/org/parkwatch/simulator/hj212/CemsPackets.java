package org.parkwatch.simulator.hj212;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.gateway.hj212.Answers;

/**
 * The data segments a CEMS sends (HJ 212-2017, system code 31, factor codes of Table B.2), framed by the gateway's
 * own {@link Answers#frame}: hourly data (2061) with the flue-gas flow's mean (m3/s) and volume (m3), the O2 mean
 * (%), and for SO2, NOx and particulate the measured mean, the mean converted to the reference O2 ({@code ZsAvg},
 * mg/m3) and the load (kg), asking for an answer; and real-time data (2011) with {@code Rtd} and {@code ZsRtd},
 * which ask for none. An analyser without a valid value sends its flag alone.
 */
public final class CemsPackets {

    static final String SYSTEM = "31";
    private static final DateTimeFormatter DATA_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter QN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final ZoneId zone;

    /** @param zone the devices' clock zone, as the gateway reads DataTime ({@code parkwatch.calendar.zone}) */
    public CemsPackets(ZoneId zone) {
        this.zone = zone;
    }

    /** The QN of a packet sent at {@code time}: the device's clock to the millisecond. */
    public String qn(Instant time) {
        return QN.format(time.atZone(zone));
    }

    /** Hourly data of {@code hour}'s sample (DataTime: its start); {@code backfill} adds {@code RF=1}. */
    public String hourly(SimulatedCems cems, String qn, String password, FlueGasSample hour, boolean backfill) {
        StringBuilder area = new StringBuilder("DataTime=").append(DATA_TIME.format(hour.getIntervalStart()
                .atZone(zone))).append(';');
        double seconds = (hour.getIntervalEnd().toEpochMilli() - hour.getIntervalStart().toEpochMilli()) / 1000.0;
        area.append("a00000-Avg=").append(plain(round(hour.getFlowM3() / seconds, 3))).append(",a00000-Cou=")
                .append(plain(hour.getFlowM3())).append(",a00000-Flag=").append(hour.getFlowFlag());
        area.append(";a19001-Avg=").append(plain(hour.getO2Percent())).append(",a19001-Flag=")
                .append(hour.getO2Flag());
        pollutant(area, "a21026", hour.getSo2(), "Avg", true);
        pollutant(area, "a21002", hour.getNox(), "Avg", true);
        pollutant(area, "a34013", hour.getParticulate(), "Avg", true);
        String header = header(cems, qn, LoggerPackets.HOURLY, password, true) + (backfill ? "RF=1;" : "");
        return header + "CP=&&" + area + "&&";
    }

    /** Real-time data at {@code time} from its hour's sample: flow in m3/s, concentrations in mg/m3. */
    public String realTime(SimulatedCems cems, String qn, Instant time, FlueGasSample hour) {
        StringBuilder area = new StringBuilder("DataTime=").append(DATA_TIME.format(time.atZone(zone))).append(';');
        area.append("a00000-Rtd=").append(plain(round(hour.getFlowM3() / 3600, 3))).append(",a00000-Flag=N");
        area.append(";a19001-Rtd=").append(plain(hour.getO2Percent())).append(",a19001-Flag=N");
        pollutant(area, "a21026", hour.getSo2(), "Rtd", false);
        pollutant(area, "a21002", hour.getNox(), "Rtd", false);
        pollutant(area, "a34013", hour.getParticulate(), "Rtd", false);
        return header(cems, qn, LoggerPackets.REAL_TIME, cems.password(), false) + "CP=&&" + area + "&&";
    }

    /** The CEMS's answer to a platform request {@code requestQn}: 9011 with its QnRtn, or 9012 with its ExeRtn. */
    public String requestAnswer(SimulatedCems cems, String requestQn, String cn, String result) {
        return "QN=" + requestQn + ";ST=91;CN=" + cn + ";PW=" + cems.password() + ";MN=" + cems.mn() + ";Flag="
                + cems.version().answerFlag() + ";CP=&&" + result + "&&";
    }

    /** A BeginTime or EndTime of a request, read on the CEMS's clock. */
    public Instant requestTime(String time) {
        return java.time.LocalDateTime.parse(time, DATA_TIME).atZone(zone).toInstant();
    }

    private static String header(SimulatedCems cems, String qn, String cn, String password, boolean answer) {
        int flag = cems.version().answerFlag() | (answer ? 1 : 0);
        return "QN=" + qn + ";ST=" + SYSTEM + ";CN=" + cn + ";PW=" + password + ";MN=" + cems.mn() + ";Flag=" + flag
                + ";";
    }

    /** {@code code-Avg} (or Rtd), its converted {@code Zs} counterpart and, for interval data, its load. */
    private static void pollutant(StringBuilder area, String code, StackPollutant value, String kind,
                                  boolean withLoad) {
        area.append(';');
        DataFlag flag = value == null ? DataFlag.D : value.getFlag();
        if (value != null && value.getMeasuredMgPerM3() != null) {
            area.append(code).append('-').append(kind).append('=').append(plain(value.getMeasuredMgPerM3()))
                    .append(',');
            if (value.getConvertedMgPerM3() != null) {
                area.append(code).append("-Zs").append(kind).append('=')
                        .append(plain(value.getConvertedMgPerM3())).append(',');
            }
            if (withLoad && value.getLoadKg() != null) {
                area.append(code).append("-Cou=").append(plain(value.getLoadKg())).append(',');
            }
        }
        area.append(code).append("-Flag=").append(flag);
    }

    private static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
