package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AnswersTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldAnswerHourlyDataAsTableC17Does() throws Exception {
        Packet hourly = PacketParser.parse("QN=20160801090000001;ST=32;CN=2061;PW=123456;MN=010000A8900016F000169DC0;"
                + "Flag=5;CP=&&DataTime=20160801080000;w00000-Cou=63.0&&");

        // Table C.17's answer; length 87 and CRC FF01 computed independently of Hj212Crc.
        assertThat(text(Answers.dataAnswer(hourly))).isEqualTo("##0087QN=20160801090000001;ST=91;CN=9014;PW=123456;"
                + "MN=010000A8900016F000169DC0;Flag=4;CP=&&&&FF01\r\n");
    }

    @Test
    void shouldRefuseABadCrcWithQnRtn9() throws Exception {
        Packet packet = PacketParser.parse("QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
                + "Flag=5;CP=&&RtdInterval=30&&");

        assertThat(text(Answers.requestAnswer(packet, Answers.QN_RTN_CRC_ERROR))).isEqualTo("##0094QN=20160801085857223;"
                + "ST=91;CN=9011;PW=100000;MN=010000A8900016F000169DC0;Flag=4;CP=&&QnRtn=9&&1C80\r\n");
    }

    @Test
    void shouldAnswerA2025HeartbeatIn2025() throws Exception {
        Packet heartbeat = PacketParser.parse("QN=20260101090000001;ST=32;CN=9015;PW=123456;"
                + "MN=010000A8900016F000169DC0;Flag=9;CP=&&&&");

        assertThat(text(Answers.notificationAnswer(heartbeat))).isEqualTo("##0087QN=20260101090000001;ST=91;CN=9013;"
                + "PW=123456;MN=010000A8900016F000169DC0;Flag=8;CP=&&&&3FC0\r\n");
    }

    @Test
    void shouldFrameWhatTheScannerReadsBack() {
        byte[] framed = Answers.frame("QN=1;ST=91;CN=9014;PW=1;MN=A;Flag=4;CP=&&&&");

        assertThat(new FrameScanner().feed(framed)).singleElement().isInstanceOfSatisfying(Scanned.Frame.class,
                frame -> assertThat(frame.crcMatches()).isTrue());
    }
}
