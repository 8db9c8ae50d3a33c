package org.parkwatch.gateway.flue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.UnreadablePacketException;

class FlueGasSampleMapperTest {

    static final String MN = "88888880000001";
    /**
     * An hour of a coal boiler's CEMS, consistent by hand: 12.5 m3/s × 3600 s = 45 000 m3; SO2 120.5 mg/m3 × 45 000
     * m3 × 10⁻⁶ = 5.4225 kg; converted to GB 13271's 9 % O2 for coal at 9.2 % measured: 120.5 × (21 − 9) / (21 −
     * 9.2) = 122.5 mg/m3; NOx 210.0 → 9.45 kg, 213.6 mg/m3; particulate 18.2 → 0.819 kg, 18.5 mg/m3.
     */
    static final String HOUR = "DataTime=20260315090000;a00000-Avg=12.5,a00000-Cou=45000.0,a00000-Flag=N;"
            + "a19001-Avg=9.2,a19001-Flag=N;a01012-Avg=128.4,a01012-Flag=N;"
            + "a21026-Avg=120.5,a21026-ZsAvg=122.5,a21026-Cou=5.4225,a21026-Flag=N;"
            + "a21002-Avg=210.0,a21002-ZsAvg=213.6,a21002-Cou=9.45,a21002-Flag=N;"
            + "a34013-Avg=18.2,a34013-ZsAvg=18.5,a34013-Cou=0.819,a34013-Flag=N";

    private final FlueGasSampleMapper mapper = new FlueGasSampleMapper(ZoneId.of("Asia/Shanghai"));

    static Device.Builder cems(String mn) {
        return Device.newBuilder().setMn(mn).setPassword("123456").setEnterpriseId("E1").setStackId("E1-S1")
                .setAccountedGranularity(AccountedGranularity.HOURLY).setActive(true);
    }

    private FlueGasSampleMapper.Mapping map(String cn, String area, Device device) throws UnreadablePacketException {
        return mapper.map(PacketParser.parse("QN=20260315100105123;ST=31;CN=" + cn + ";PW=123456;MN=" + MN
                + ";Flag=5;CP=&&" + area + "&&"), device);
    }

    private FlueGasSample sample(String area) throws UnreadablePacketException {
        return ((FlueGasSampleMapper.Accountable) map("2061", area, cems(MN).build())).sample();
    }

    @Test
    void shouldTurnAnHourOfCemsDataIntoAFlueGasSample() throws Exception {
        FlueGasSample sample = sample(HOUR);

        assertThat(sample.getEventId()).isEqualTo("hj212:" + MN + ":2061:20260315090000");
        assertThat(sample.getEnterpriseId()).isEqualTo("E1");
        assertThat(sample.getStackId()).isEqualTo("E1-S1");
        assertThat(sample.getFlowM3()).isEqualTo(45000.0);
        assertThat(sample.getFlowFlag()).isEqualTo(DataFlag.N);
        assertThat(sample.getO2Percent()).isEqualTo(9.2);
        assertThat(sample.getO2Flag()).isEqualTo(DataFlag.N);
        assertThat(sample.getSo2()).isEqualTo(new StackPollutant(120.5, 122.5, 5.4225, DataFlag.N));
        assertThat(sample.getNox()).isEqualTo(new StackPollutant(210.0, 213.6, 9.45, DataFlag.N));
        assertThat(sample.getParticulate()).isEqualTo(new StackPollutant(18.2, 18.5, 0.819, DataFlag.N));
        // 09:00 on the device's Beijing clock is 01:00 UTC; an hour's data cover that hour.
        assertThat(sample.getIntervalStart()).isEqualTo(Instant.parse("2026-03-15T01:00:00Z"));
        assertThat(sample.getIntervalEnd()).isEqualTo(Instant.parse("2026-03-15T02:00:00Z"));
        assertThat(sample.getSource()).isEqualTo("hj212");
    }

    @Test
    void shouldReadTheHjt2122005CodesAsTheirSuccessors() throws Exception {
        FlueGasSample sample = sample("DataTime=20260315090000;B02-Cou=30000,B02-Flag=N;S01-Avg=3.6;"
                + "02-Avg=20.1,02-ZsAvg=20.3,02-Cou=0.603,02-Flag=N;03-Avg=95.0,03-Cou=2.85,03-Flag=N;"
                + "01-Avg=4.2,01-ZsAvg=4.3,01-Cou=0.126,01-Flag=N");

        assertThat(sample.getFlowM3()).isEqualTo(30000.0);
        assertThat(sample.getO2Percent()).isEqualTo(3.6);
        assertThat(sample.getSo2()).isEqualTo(new StackPollutant(20.1, 20.3, 0.603, DataFlag.N));
        assertThat(sample.getNox()).isEqualTo(new StackPollutant(95.0, null, 2.85, DataFlag.N));
        assertThat(sample.getParticulate()).isEqualTo(new StackPollutant(4.2, 4.3, 0.126, DataFlag.N));
    }

    @Test
    void shouldCarryEachValuesFlagAndReadAnUnknownOneAsAFault() throws Exception {
        FlueGasSample sample = sample("DataTime=20260315090000;a00000-Cou=45000,a00000-Flag=c;a19001-Avg=9.1,"
                + "a19001-Flag=T;a21026-Flag=D;a21002-Avg=200,a21002-Cou=9,a21002-Flag=X;a34013-Avg=10,"
                + "a34013-Cou=0.45");

        assertThat(sample.getFlowFlag()).isEqualTo(DataFlag.C);
        assertThat(sample.getO2Flag()).isEqualTo(DataFlag.T);
        // An analyser without a valid value sends its flag alone: a pollutant with no figures, flagged.
        assertThat(sample.getSo2()).isEqualTo(new StackPollutant(null, null, null, DataFlag.D));
        assertThat(sample.getNox().getFlag()).isEqualTo(DataFlag.D);
        assertThat(sample.getParticulate().getFlag()).isEqualTo(DataFlag.N);
    }

    @Test
    void shouldComputeAMissingLoadFromTheMeanAndTheVolume() throws Exception {
        // G = C × Q × 10⁻⁶ = 100 mg/m3 × 20 000 m3 × 10⁻⁶ = 2 kg.
        FlueGasSample sample = sample("DataTime=20260315090000;a00000-Cou=20000;a21026-Avg=100,a21026-Flag=N");

        assertThat(sample.getSo2().getLoadKg()).isCloseTo(2.0, offset(1e-12));
        assertThat(sample.getSo2().getMeasuredMgPerM3()).isEqualTo(100.0);
        assertThat(sample.getSo2().getConvertedMgPerM3()).isNull();
    }

    @Test
    void shouldLeaveTheLoadAbsentWithoutAVolumeAndAnUnmentionedPollutantAbsent() throws Exception {
        FlueGasSample sample = sample("DataTime=20260315090000;a00000-Flag=D;a21026-Avg=100,a21026-Flag=N");

        assertThat(sample.getFlowM3()).isNull();
        assertThat(sample.getFlowFlag()).isEqualTo(DataFlag.D);
        assertThat(sample.getSo2()).isEqualTo(new StackPollutant(100.0, null, null, DataFlag.N));
        assertThat(sample.getNox()).isNull();
        assertThat(sample.getParticulate()).isNull();
        assertThat(sample.getO2Percent()).isNull();
        assertThat(sample.getO2Flag()).isEqualTo(DataFlag.N);
    }

    @Test
    void shouldTurnOnlyTheGranularityTheDeviceAccounts() throws Exception {
        Device daily = cems(MN).setAccountedGranularity(AccountedGranularity.DAILY).build();

        assertThat(map("2061", HOUR, daily)).isInstanceOf(FlueGasSampleMapper.NotAccounted.class);
        assertThat(map("2031", HOUR, cems(MN).build())).isInstanceOf(FlueGasSampleMapper.NotAccounted.class);
        FlueGasSample day = ((FlueGasSampleMapper.Accountable) map("2031",
                HOUR.replace("20260315090000", "20260315000000"), daily)).sample();
        assertThat(day.getEventId()).isEqualTo("hj212:" + MN + ":2031:20260315000000");
        assertThat(day.getIntervalStart()).isEqualTo(Instant.parse("2026-03-14T16:00:00Z"));
        assertThat(day.getIntervalEnd()).isEqualTo(Instant.parse("2026-03-15T16:00:00Z"));
    }

    @Test
    void shouldKeepMinuteAndRealTimeDataRawOnly() throws Exception {
        assertThat(map("2051", HOUR, cems(MN).build())).isInstanceOf(FlueGasSampleMapper.NotAccounted.class);
        assertThat(map("2011", "DataTime=20260315090105;a21026-Rtd=118.2,a21026-ZsRtd=120.1,a21026-Flag=N",
                cems(MN).build())).isInstanceOf(FlueGasSampleMapper.NotAccounted.class);
    }

    @Test
    void shouldNotAttributeDataOfADeviceRegisteredWithoutAStack() throws Exception {
        Device outletDevice = cems(MN).setStackId(null).setOutletId("E1-W1").build();

        assertThat(map("2061", HOUR, outletDevice)).isInstanceOfSatisfying(FlueGasSampleMapper.NoStack.class,
                noStack -> assertThat(noStack.why()).contains(MN).contains("stackId"));
        // Data it does not account are kept like any device's.
        assertThat(map("2011", HOUR, outletDevice)).isInstanceOf(FlueGasSampleMapper.NotAccounted.class);
    }

    @Test
    void shouldRefuseAValueThatIsNotANumberAndAMissingDataTime() {
        assertThatThrownBy(() -> sample("DataTime=20260315090000;a00000-Cou=45000;a21026-ZsAvg=1..2"))
                .isInstanceOf(UnreadablePacketException.class).hasMessageContaining("a21026-ZsAvg '1..2'");
        assertThatThrownBy(() -> sample("a00000-Cou=45000"))
                .isInstanceOf(UnreadablePacketException.class).hasMessageContaining("DataTime");
    }
}
