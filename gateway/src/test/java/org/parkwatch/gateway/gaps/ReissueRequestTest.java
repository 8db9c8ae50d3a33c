package org.parkwatch.gateway.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Hj212Version;
import org.parkwatch.gateway.intake.Devices;

class ReissueRequestTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    /** 08:00 on the device's (Beijing) clock. */
    private static final Instant EIGHT_O_CLOCK = Instant.parse("2016-08-01T00:00:00Z");

    @Test
    void shouldAskForAnHourAsTableC21Does() {
        String request = ReissueRequest.hourly(Devices.waterDevice(Devices.MN).build(), "20160801085857223",
                EIGHT_O_CLOCK, EIGHT_O_CLOCK, BEIJING);

        // HJ 212-2017 Table C.21, character for character.
        assertThat(request).isEqualTo("QN=20160801085857223;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                + "Flag=5;CP=&&BeginTime=20160801080000;EndTime=20160801080000&&");
        // 134 characters; CRC 7EC0 by Appendix A, computed apart from Hj212Crc.
        assertThat(new String(ReissueRequest.framed(request), StandardCharsets.US_ASCII))
                .isEqualTo("##0134" + request + "7EC0\r\n");
    }

    @Test
    void shouldAskAFlueGasDeviceOf2025InItsSystemAndVersion() {
        String request = ReissueRequest.hourly(Devices.waterDevice(Devices.MN).setOutletId(null).setStackId("S1")
                        .setProtocolVersion(Hj212Version.HJ212_2025).build(), "20160801085857223",
                EIGHT_O_CLOCK, EIGHT_O_CLOCK, BEIJING);

        // ST 31 (flue gas), Flag 9: version bits 10 (2025) and bit A.
        assertThat(new String(ReissueRequest.framed(request), StandardCharsets.US_ASCII)).isEqualTo(
                "##0134QN=20160801085857223;ST=31;CN=2061;PW=123456;MN=010000A8900016F000169DC0;Flag=9;"
                        + "CP=&&BeginTime=20160801080000;EndTime=20160801080000&&6300\r\n");
    }

    @Test
    void shouldWriteTheQnOnTheDevicesClock() {
        assertThat(ReissueRequest.qn(Instant.parse("2016-08-01T00:58:57.223Z"), BEIJING))
                .isEqualTo("20160801085857223");
    }
}
