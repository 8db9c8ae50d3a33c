package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitPacketAssemblerTest {

    // Table C.50: hourly data in two parts, each with its own QN, Flag=7 (split, answer asked).
    private static final String PART_1 = "QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
            + "Flag=7;PNUM=2;PNO=1;CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Avg=17.5,w00000-Flag=N&&";
    private static final String PART_2 = "QN=20160801085857535;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
            + "Flag=7;PNUM=2;PNO=2;CP=&&DataTime=20160801080000;w01018-Cou=63.0,w01018-Avg=40.1,w01018-Flag=N&&";

    private final SplitPacketAssembler assembler = new SplitPacketAssembler();

    @Test
    void shouldPutTheDataAreasOfAllPartsTogetherUnderTheFirstPartsHeader() throws Exception {
        assertThat(assembler.add(PacketParser.parse(PART_1))).isEmpty();
        Packet whole = assembler.add(PacketParser.parse(PART_2)).orElseThrow();

        assertThat(whole.qn()).contains("20160801085857534");
        assertThat(whole.split()).isFalse();
        assertThat(whole.dataArea()).containsKeys("DataTime", "w00000-Cou", "w00000-Avg", "w01018-Avg", "w01018-Flag");
        assertThat(whole.field("w01018-Avg")).contains("40.1");
        assertThat(assembler.openSets()).isZero();
    }

    @Test
    void shouldTakeThePartsInAnyOrder() throws Exception {
        assertThat(assembler.add(PacketParser.parse(PART_2))).isEmpty();
        assertThat(assembler.add(PacketParser.parse(PART_1))).hasValueSatisfying(
                whole -> assertThat(whole.field("w00000-Cou")).contains("63.0"));
    }

    @Test
    void shouldStartASetAgainWhenItsFirstPartIsResent() throws Exception {
        assembler.add(PacketParser.parse(PART_1));
        assertThat(assembler.add(PacketParser.parse(PART_1.replace("w00000-Cou=63.0", "w00000-Cou=64.0")))).isEmpty();

        assertThat(assembler.add(PacketParser.parse(PART_2))).hasValueSatisfying(
                whole -> assertThat(whole.field("w00000-Cou")).contains("64.0"));
    }
}
