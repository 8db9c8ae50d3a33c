package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PacketParserTest {

    @Test
    void shouldReadTheHeaderAndDataAreaOfTheStandardsExample() throws Exception {
        Packet packet = PacketParser.parse("QN=20160801085857223;ST=32;CN=1062;PW=100000;"
                + "MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&");

        assertThat(packet.qn()).contains("20160801085857223");
        assertThat(packet.st()).isEqualTo("32");
        assertThat(packet.cn()).isEqualTo("1062");
        assertThat(packet.pw()).isEqualTo("100000");
        assertThat(packet.mn()).isEqualTo("010000A8900016F000169DC0");
        assertThat(packet.flag()).contains(5);
        assertThat(packet.version()).isEqualTo(ProtocolVersion.HJ212_2017);
        assertThat(packet.answerRequested()).isTrue();
        assertThat(packet.split()).isFalse();
        assertThat(packet.dataArea()).containsExactly(Map.entry("RtdInterval", "30"));
    }

    @Test
    void shouldReadTheHourlyDataOfTableC17() throws Exception {
        Packet packet = PacketParser.parse("QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                + "Flag=5;CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Min=16.4,w00000-Avg=17.5,"
                + "w00000-Max=20.1,w00000-Flag=N;w01018-Cou=63.0,w01018-Avg=40.1,w01018-Flag=N&&");

        assertThat(packet.field("DataTime")).contains("20160801080000");
        assertThat(packet.field("w00000-Cou")).contains("63.0");
        assertThat(packet.field("w01018-Avg")).contains("40.1");
        assertThat(packet.field("w01018-Flag")).contains("N");
    }

    @Test
    void shouldTellTheVersionFromTheFlagBits() throws Exception {
        // 2025: version bits 000010, so Flag 8 to 11; bit 0 asks an answer, bit 1 marks a split packet.
        Packet v2025 = PacketParser.parse("QN=1;ST=32;CN=9015;PW=1;MN=A;Flag=9;CP=&&&&");
        Packet split2025 = PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=11;PNUM=3;PNO=2;CP=&&&&");
        Packet v2017NoAnswer = PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=4;CP=&&&&");

        assertThat(v2025.version()).isEqualTo(ProtocolVersion.HJ212_2025);
        assertThat(v2025.answerRequested()).isTrue();
        assertThat(split2025.split()).isTrue();
        assertThat(split2025.pnum()).contains(3);
        assertThat(split2025.pno()).contains(2);
        assertThat(v2017NoAnswer.answerRequested()).isFalse();
        assertThat(v2017NoAnswer.version()).isEqualTo(ProtocolVersion.HJ212_2017);
    }

    @Test
    void shouldReadA2005StylePacketWithoutQnOrFlag() throws Exception {
        Packet packet = PacketParser.parse("ST=32;CN=2011;PW=123456;MN=LD130133000015;CP=&&DataTime=20160824003817;"
                + "B01-Rtd=36.91;011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N&&");

        assertThat(packet.qn()).isEmpty();
        assertThat(packet.flag()).isEmpty();
        assertThat(packet.version()).isEqualTo(ProtocolVersion.HJT212_2005);
        assertThat(packet.answerRequested()).isFalse();
        assertThat(packet.field("011-Rtd")).contains("231.0");
    }

    @Test
    void shouldTolerateTheStandardsOwnTypos() throws Exception {
        // Table C.19: no ';' before CP; Table C.48: ',' after QN; Table C.4: spaces inside the data area.
        assertThat(PacketParser.parse("QN=1;ST=32;CN=2041;PW=1;MN=A;Flag=5CP=&&DataTime=20160801000000;SB1-RT=1.1&&")
                .flag()).contains(5);
        assertThat(PacketParser.parse("QN=20160801085857534,ST=32;CN=2061;PW=1;MN=A;Flag=5;CP=&&&&").st())
                .isEqualTo("32");
        assertThat(PacketParser.parse("QN=1;ST=32;CN=1013;PW=1;MN=A;Flag=5;CP=&& PolId=w01018&&").dataArea())
                .containsExactly(Map.entry("PolId", "w01018"));
    }

    @Test
    void shouldRefuseWhatCannotBeRead() {
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=5"))
                .isInstanceOf(UnreadablePacketException.class).hasMessageContaining("no data area");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=5;CP=&&DataTime=1"))
                .hasMessageContaining("not closed");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;Flag=5;CP=&&&&"))
                .hasMessageContaining("MN is missing");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=20x1;PW=1;MN=A;Flag=5;CP=&&&&"))
                .hasMessageContaining("CN '20x1'");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=13;CP=&&&&"))
                .hasMessageContaining("version bits 11");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=7;CP=&&&&"))
                .hasMessageContaining("PNUM or PNO is missing");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=7;PNUM=2;PNO=3;CP=&&&&"))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=5;CP=&&w01018-Avg=4;…&&"))
                .hasMessageContaining("'…' is not name=value");
    }

    @Test
    void shouldReadTheBackfillMark() throws Exception {
        assertThat(PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=9;RF=1;CP=&&&&").backfill()).isTrue();
        assertThat(PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=9;CP=&&&&").backfill()).isFalse();
        assertThat(PacketParser.parse("QN=1;ST=32;CN=2061;PW=1;MN=A;Flag=9;CP=&&&&").pnum()).isEqualTo(Optional.empty());
    }
}
