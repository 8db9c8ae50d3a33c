package org.parkwatch.gateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.AccountedGranularity;
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.water.WastewaterSampleMapper;

class ConnectionIntakeTest {

    private static final String MN = Devices.MN;
    private static final String HEADER = "ST=32;CN=2061;PW=123456;MN=" + MN + ";Flag=5;";
    /** Table C.17's hourly data, with an NH3-N value added. */
    private static final String HOURLY = "QN=20160801090000001;" + HEADER + "CP=&&DataTime=20160801080000;"
            + "w00000-Cou=63.0,w00000-Avg=17.5,w00000-Flag=N;w01001-Avg=7.5,w01001-Flag=N;"
            + "w01018-Cou=63.0,w01018-Avg=40.1,w01018-Flag=N;w21003-Avg=1.5,w21003-Flag=M&&";

    private final Devices devices = new Devices().with(Devices.waterDevice(MN).build());
    private final ConnectionIntake intake = new ConnectionIntake(devices,
            new WastewaterSampleMapper(ZoneId.of("Asia/Shanghai")));

    private static byte[] framed(String segment) {
        return Answers.frame(segment);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Outcome only(byte[] bytes) {
        List<Outcome> outcomes = intake.feed(bytes);
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    @Test
    void shouldTurnHourlyDataIntoASampleAndAnswerWithADataAnswer() {
        Outcome outcome = only(framed(HOURLY));

        assertThat(outcome.result()).isEqualTo(PacketResult.ACCOUNTED);
        assertThat(outcome.cn()).isEqualTo("2061");
        assertThat(outcome.rawKey()).isEqualTo(MN);
        assertThat(outcome.rejection()).isEmpty();
        assertThat(outcome.eventId()).contains("hj212:" + MN + ":2061:20160801080000");
        WastewaterSample sample = outcome.samples().get(0);
        assertThat(sample.getEventId()).isEqualTo("hj212:" + MN + ":2061:20160801080000");
        assertThat(sample.getEnterpriseId()).isEqualTo("E1");
        assertThat(sample.getOutletId()).isEqualTo("W1");
        assertThat(sample.getVolumeM3()).isEqualTo(63.0);
        assertThat(sample.getCodMgPerL()).isEqualTo(40.1);
        assertThat(sample.getAmmoniaNitrogenMgPerL()).isEqualTo(1.5);
        assertThat(sample.getAmmoniaNitrogenFlag()).isEqualTo(DataFlag.M);
        // DataTime is the start of the hour on the device's (Beijing) clock: 08:00 +08:00 is 00:00 UTC.
        assertThat(sample.getIntervalStart()).isEqualTo(Instant.parse("2016-08-01T00:00:00Z"));
        assertThat(sample.getIntervalEnd()).isEqualTo(Instant.parse("2016-08-01T01:00:00Z"));
        assertThat(sample.getSource()).isEqualTo("hj212");
        assertThat(text(outcome.answer().orElseThrow())).isEqualTo("##0087QN=20160801090000001;ST=91;CN=9014;"
                + "PW=123456;MN=" + MN + ";Flag=4;CP=&&&&FF01\r\n");
    }

    @Test
    void shouldRefuseABadCrcWithQnRtn9() {
        byte[] bytes = framed(HOURLY);
        String corrupted = text(bytes).replace("w01018-Avg=40.1", "w01018-Avg=90.1");

        Outcome outcome = only(corrupted.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.result()).isEqualTo(PacketResult.REFUSED);
        assertThat(outcome.rejection()).hasValueSatisfying(r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_CRC);
            assertThat(r.detail()).startsWith("CRC sent ");
        });
        assertThat(outcome.rawBytes()).isEqualTo(corrupted.getBytes(StandardCharsets.UTF_8));
        assertThat(outcome.samples()).isEmpty();
        assertThat(text(outcome.answer().orElseThrow())).contains("CN=9011").contains("CP=&&QnRtn=9&&");
    }

    @Test
    void shouldRefuseAnUnknownOrInactiveDeviceWithQnRtn4() {
        devices.with(Devices.waterDevice("INACTIVE").setActive(false).build());

        Outcome unknown = only(framed(HOURLY.replace(MN, "FFFF")));
        Outcome inactive = only(framed(HOURLY.replace(MN, "INACTIVE")));

        assertThat(List.of(unknown, inactive)).allSatisfy(outcome -> {
            assertThat(outcome.rejection().orElseThrow().fault()).isEqualTo(PacketFault.UNKNOWN_DEVICE);
            assertThat(text(outcome.answer().orElseThrow())).contains("CN=9011").contains("QnRtn=4");
            assertThat(outcome.enterpriseId()).isEmpty();
        });
    }

    @Test
    void shouldRefuseAWrongPasswordWithQnRtn3() {
        Outcome outcome = only(framed(HOURLY.replace("PW=123456", "PW=654321")));

        assertThat(outcome.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_PASSWORD);
        assertThat(outcome.enterpriseId()).contains("E1");
        assertThat(text(outcome.answer().orElseThrow())).contains("QnRtn=3");
    }

    @Test
    void shouldRefuseACommandThePlatformDoesNotTakeWithQnRtn8() {
        // 1000 (set timeout and retries) goes from the platform to the device, never the other way.
        Outcome outcome = only(framed("QN=1;ST=32;CN=1000;PW=123456;MN=" + MN + ";Flag=5;CP=&&OverTime=5&&"));

        assertThat(outcome.rejection().orElseThrow().fault()).isEqualTo(PacketFault.UNSUPPORTED_COMMAND);
        assertThat(text(outcome.answer().orElseThrow())).contains("QnRtn=8");
    }

    @Test
    void shouldKeepDailyDataOfAnHourlyDeviceWithoutAccountingThem() {
        Outcome outcome = only(framed(HOURLY.replace("CN=2061", "CN=2031").replace("DataTime=20160801080000",
                "DataTime=20160801000000")));

        assertThat(outcome.result()).isEqualTo(PacketResult.KEPT);
        assertThat(outcome.samples()).isEmpty();
        assertThat(text(outcome.answer().orElseThrow())).contains("CN=9014");
    }

    @Test
    void shouldAccountDailyDataOverTheLocalDayForADailyDevice() {
        devices.with(Devices.waterDevice(MN).setAccountedGranularity(AccountedGranularity.DAILY).build());

        Outcome daily = only(framed(HOURLY.replace("CN=2061", "CN=2031").replace("DataTime=20160801080000",
                "DataTime=20160801000000")));
        Outcome hourly = only(framed(HOURLY));

        assertThat(daily.result()).isEqualTo(PacketResult.ACCOUNTED);
        assertThat(daily.samples().get(0).getIntervalStart()).isEqualTo(Instant.parse("2016-07-31T16:00:00Z"));
        assertThat(daily.samples().get(0).getIntervalEnd()).isEqualTo(Instant.parse("2016-08-01T16:00:00Z"));
        assertThat(daily.samples().get(0).getEventId()).isEqualTo("hj212:" + MN + ":2031:20160801000000");
        assertThat(hourly.result()).isEqualTo(PacketResult.KEPT);
    }

    @Test
    void shouldNotAnswerDataWhoseFlagAsksForNoAnswer() {
        Outcome outcome = only(framed(HOURLY.replace("Flag=5", "Flag=4")));

        assertThat(outcome.result()).isEqualTo(PacketResult.ACCOUNTED);
        assertThat(outcome.answer()).isEmpty();
    }

    @Test
    void shouldAnswerA2025HeartbeatWithANotificationAnswer() {
        Outcome outcome = only(framed("QN=20260101090000001;ST=32;CN=9015;PW=123456;MN=" + MN + ";Flag=8;CP=&&&&"));

        assertThat(outcome.result()).isEqualTo(PacketResult.KEPT);
        assertThat(text(outcome.answer().orElseThrow())).isEqualTo("##0087QN=20260101090000001;ST=91;CN=9013;"
                + "PW=123456;MN=" + MN + ";Flag=8;CP=&&&&3FC0\r\n");
    }

    @Test
    void shouldAnswerEachPartOfASplitSetAndAccountTheWhole() {
        // Table C.50: two parts, each answered with its own QN; the whole becomes one sample.
        Outcome first = only(framed("QN=20160801085857534;ST=32;CN=2061;PW=123456;MN=" + MN + ";Flag=7;PNUM=2;PNO=1;"
                + "CP=&&DataTime=20160801080000;w00000-Cou=63.0,w00000-Flag=N&&"));
        Outcome second = only(framed("QN=20160801085857535;ST=32;CN=2061;PW=123456;MN=" + MN + ";Flag=7;PNUM=2;PNO=2;"
                + "CP=&&DataTime=20160801080000;w01018-Avg=40.1,w01018-Flag=N&&"));

        assertThat(first.result()).isEqualTo(PacketResult.PART);
        assertThat(first.samples()).isEmpty();
        assertThat(text(first.answer().orElseThrow())).contains("QN=20160801085857534;ST=91;CN=9014");
        assertThat(second.result()).isEqualTo(PacketResult.ACCOUNTED);
        assertThat(second.samples().get(0).getVolumeM3()).isEqualTo(63.0);
        assertThat(second.samples().get(0).getCodMgPerL()).isEqualTo(40.1);
        assertThat(text(second.answer().orElseThrow())).contains("QN=20160801085857535;ST=91;CN=9014");
    }

    @Test
    void shouldKeepDataWithoutAVolumeInADeadLetterAndStillAnswer() {
        Outcome outcome = only(framed(HOURLY.replace("w00000-Cou=63.0,", "")));

        assertThat(outcome.rejection()).hasValueSatisfying(r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.UNPARSEABLE_FIELD);
            assertThat(r.detail()).contains("w00000-Cou");
        });
        assertThat(outcome.eventId()).contains("hj212:" + MN + ":2061:20160801080000");
        assertThat(text(outcome.answer().orElseThrow())).contains("CN=9014");
    }

    @Test
    void shouldRefuseAnUnreadableHeaderWithoutAnswer() {
        Outcome outcome = only(framed("QN=1;ST=32;CN=2061;PW=123456;Flag=5;CP=&&&&"));

        assertThat(outcome.rejection().orElseThrow().fault()).isEqualTo(PacketFault.UNPARSEABLE_FIELD);
        assertThat(outcome.answer()).isEmpty();
    }

    @Test
    void shouldKeyGarbageByTheConnectionsDevice() {
        intake.feed(framed(HOURLY));

        Outcome garbage = only("AT+CSQ\r\n##".getBytes(StandardCharsets.US_ASCII));

        assertThat(garbage.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_FRAME);
        assertThat(garbage.rawKey()).isEqualTo(MN);
        assertThat(garbage.answer()).isEmpty();
        assertThat(intake.finish()).singleElement().satisfies(
                rest -> assertThat(rest.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_LENGTH));
    }

    /** HJ 212-2025 with SM4: the CRC is over the plaintext, the CP region travels encrypted. */
    private static byte[] framedEncrypted(String plainSegment, org.parkwatch.gateway.hj212.CpRegionCipher cipher)
            throws Exception {
        byte[] plain = plainSegment.getBytes(StandardCharsets.UTF_8);
        byte[] sent = cipher.encrypt(plain);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(String.format("##%04d", sent.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(sent);
        out.writeBytes((org.parkwatch.gateway.hj212.Hj212Crc.hex(org.parkwatch.gateway.hj212.Hj212Crc.of(plain))
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static final String SM4_KEY = "00112233445566778899AABBCCDDEEFF";

    private ConnectionIntake sm4Intake(org.parkwatch.avro.CipherTextEncoding encoding) {
        return new ConnectionIntake(new Devices().with(Devices.waterDevice(MN)
                .setEncryption(new org.parkwatch.avro.DeviceEncryption(org.parkwatch.avro.EncryptionScheme.SM4,
                        SM4_KEY, encoding)).build()), new WastewaterSampleMapper(ZoneId.of("Asia/Shanghai")));
    }

    @Test
    void shouldDecryptTheCpRegionOfADeviceSetForSm4AndAccountItsData() throws Exception {
        for (var encoding : org.parkwatch.avro.CipherTextEncoding.values()) {
            var cipher = new org.parkwatch.gateway.hj212.CpRegionCipher(SM4_KEY,
                    org.parkwatch.gateway.hj212.CpRegionCipher.Encoding.valueOf(encoding.name()));
            byte[] sent = framedEncrypted(HOURLY, cipher);
            assertThat(text(sent)).doesNotContain("w01018");

            List<Outcome> outcomes = sm4Intake(encoding).feed(sent);

            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.result()).as(encoding.name()).isEqualTo(PacketResult.ACCOUNTED);
                assertThat(o.samples().get(0).getCodMgPerL()).isEqualTo(40.1);
                assertThat(o.samples().get(0).getVolumeM3()).isEqualTo(63.0);
                assertThat(o.rawBytes()).as("the raw topic keeps the bytes as received").isEqualTo(sent);
            });
        }
    }

    @Test
    void shouldRefuseAnSm4PacketEncryptedWithAnotherKeyAsABadCrc() throws Exception {
        var otherKey = new org.parkwatch.gateway.hj212.CpRegionCipher("FFEEDDCCBBAA99887766554433221100",
                org.parkwatch.gateway.hj212.CpRegionCipher.Encoding.HEX);

        List<Outcome> outcomes = sm4Intake(org.parkwatch.avro.CipherTextEncoding.HEX)
                .feed(framedEncrypted(HOURLY, otherKey));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(PacketResult.REFUSED);
            assertThat(o.rejection().orElseThrow().fault()).isIn(PacketFault.BAD_CRC, PacketFault.UNPARSEABLE_FIELD);
            assertThat(o.samples()).isEmpty();
        });
    }

    @Test
    void shouldTakeAHeartbeatOfAnSm4DeviceInPlaintext() {
        String heartbeat = "QN=20260101000000001;ST=91;CN=9015;PW=123456;MN=" + MN + ";Flag=9;CP=&&&&";

        List<Outcome> outcomes = sm4Intake(org.parkwatch.avro.CipherTextEncoding.HEX).feed(framed(heartbeat));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.rejection()).isEmpty();
            assertThat(text(o.answer().orElseThrow())).contains("CN=9013");
        });
    }
}
