package org.parkwatch.gateway.water;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.intake.Devices;

class WastewaterSampleMapperTest {

    private final WastewaterSampleMapper mapper = new WastewaterSampleMapper(ZoneId.of("Asia/Shanghai"));
    private final Device device = Devices.waterDevice("MN1").build();

    private WastewaterSampleMapper.Mapping map(String area) throws Exception {
        return mapper.map(PacketParser.parse("QN=1;ST=32;CN=2061;PW=123456;MN=MN1;Flag=5;CP=&&" + area + "&&"),
                device);
    }

    private WastewaterSample sample(String area) throws Exception {
        return ((WastewaterSampleMapper.Accountable) map(area)).sample();
    }

    @Test
    void shouldTakeTheFlowWeightedConcentrationFromTheLoadWhenNoAverageIsSent() throws Exception {
        // 2.52 kg over 63 m3: C = G / D x 10^3 = 2.52 / 63 x 1000 = 40 mg/L.
        assertThat(sample("DataTime=20160801080000;w00000-Cou=63;w01018-Cou=2.52").getCodMgPerL())
                .isCloseTo(40.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldReadThe2005CodesOfOldDevices() throws Exception {
        WastewaterSample sample = sample("DataTime=20160801080000;B01-Cou=10.5;011-Avg=231.0,011-Flag=N;"
                + "060-Avg=1.803,060-Flag=N");

        assertThat(sample.getVolumeM3()).isEqualTo(10.5);
        assertThat(sample.getCodMgPerL()).isEqualTo(231.0);
        assertThat(sample.getAmmoniaNitrogenMgPerL()).isEqualTo(1.803);
    }

    @Test
    void shouldReadFlagsInEitherCaseAndAnUnknownOneAsAFault() throws Exception {
        WastewaterSample sample = sample("DataTime=20160801080000;w00000-Cou=1,w00000-Flag=c;w01018-Avg=4,"
                + "w01018-Flag=X;w21003-Avg=1");

        assertThat(sample.getVolumeFlag()).isEqualTo(DataFlag.C);
        assertThat(sample.getCodFlag()).isEqualTo(DataFlag.D);
        assertThat(sample.getAmmoniaNitrogenFlag()).isEqualTo(DataFlag.N);
    }

    @Test
    void shouldLeaveAnAbsentConcentrationAbsent() throws Exception {
        WastewaterSample sample = sample("DataTime=20160801080000;w00000-Cou=1;w01018-Flag=D");

        assertThat(sample.getCodMgPerL()).isNull();
        assertThat(sample.getCodFlag()).isEqualTo(DataFlag.D);
    }

    @Test
    void shouldAcceptADataTimeWithMilliseconds() throws Exception {
        assertThat(sample("DataTime=20160801080000000;w00000-Cou=1").getIntervalStart())
                .isEqualTo(Instant.parse("2016-08-01T00:00:00Z"));
    }

    @Test
    void shouldRefuseUnreadableFields() {
        assertThatThrownBy(() -> map("w00000-Cou=1")).hasMessageContaining("DataTime is missing");
        assertThatThrownBy(() -> map("DataTime=2016080108;w00000-Cou=1")).hasMessageContaining("DataTime '2016080108'");
        assertThatThrownBy(() -> map("DataTime=20160801080000;w00000-Cou=abc"))
                .hasMessageContaining("w00000-Cou 'abc' is not a number");
    }

    @Test
    void shouldNotAccountOtherSystemsOrDevicesWithoutOutlet() throws Exception {
        assertThat(mapper.map(PacketParser.parse("QN=1;ST=31;CN=2061;PW=1;MN=MN1;Flag=5;CP=&&w00000-Cou=1&&"),
                device)).isInstanceOf(WastewaterSampleMapper.NotAccounted.class);
        assertThat(mapper.map(PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=MN1;Flag=5;CP=&&w00000-Cou=1&&"),
                Devices.waterDevice("MN1").setOutletId(null).build()))
                .isInstanceOf(WastewaterSampleMapper.NotAccounted.class);
    }
}
