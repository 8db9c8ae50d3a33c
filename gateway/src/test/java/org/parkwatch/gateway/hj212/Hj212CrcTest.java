package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Hj212CrcTest {

    private static int crc(String text) {
        return Hj212Crc.of(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldGiveTheCrcOfTheStandardsAppendixAExample() {
        // HJ 212-2017 Appendix A: the packet ends "...&&1C80\r\n"; its prose misprints the CRC as 1C08.
        assertThat(Hj212Crc.hex(crc("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
                + "Flag=5;CP=&&RtdInterval=30&&"))).isEqualTo("1C80");
    }

    @Test
    void shouldNotBeTheModbusCrc() {
        // CRC-16/MODBUS of "123456789" is the catalogued 4B37; the HJ 212 register discards its high byte each round.
        assertThat(crc("123456789")).isEqualTo(0x2F80).isNotEqualTo(0x4B37);
    }

    @Test
    void shouldGiveTheCrcsOfPacketsRealDevicesSent() {
        // Packets quoted in public HJ 212 projects (a data logger's send log; a platform's decoder test).
        assertThat(Hj212Crc.hex(crc("QN=20220814021304000;ST=22;CN=2011;PW=123456;MN=;Flag=5;CP=&&"
                + "DataTime=20220814021304;a50001-Rtd=0.00,a50001-Flag=B&&"))).isEqualTo("06C0");
        assertThat(Hj212Crc.hex(crc("QN=20190708113403000;ST=80;CN=1013;PW=123456;MN=0010931004HBYDTEST000002;"
                + "Flag=5;CP=&&&&"))).isEqualTo("EF41");
    }

    @Test
    void shouldWriteFourUpperCaseDigitsHighByteFirst() {
        assertThat(Hj212Crc.hex(0x00C1)).isEqualTo("00C1");
        assertThat(Hj212Crc.hex(0xFF01)).isEqualTo("FF01");
    }
}
