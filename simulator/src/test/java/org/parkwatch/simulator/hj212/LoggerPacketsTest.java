package org.parkwatch.simulator.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.WastewaterSample;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.intake.ConnectionIntake;
import org.parkwatch.gateway.intake.Outcome;
import org.parkwatch.gateway.intake.PacketResult;
import org.parkwatch.gateway.water.WastewaterSampleMapper;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;

/** The loggers' packets as the gateway's own intake reads them: the same sample the Avro simulator would send. */
class LoggerPacketsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(7).withEnterpriseCount(4));
    private static final DeviceFleet FLEET = DeviceFleet.of(PARK, 2, 7);
    private static final EventGenerator GENERATOR = new EventGenerator(PARK, GeneratorSettings.defaults(7));
    // 2026-03-02 10:00 in Shanghai, a Monday working hour.
    private static final Instant HOUR = Instant.parse("2026-03-02T02:00:00Z");

    private final LoggerPackets packets = new LoggerPackets(ZONE);
    private final Map<String, Device> registered = FLEET.records();
    private final ConnectionIntake gateway = new ConnectionIntake(mn -> Optional.ofNullable(registered.get(mn)),
            new WastewaterSampleMapper(ZONE));

    private WastewaterSample avroSample(SimulatedDevice device) {
        return GENERATOR.wastewaterSample(device.enterprise(), device.outletIndex(), HOUR,
                HOUR.plus(Duration.ofHours(1)));
    }

    private byte[] hourly(SimulatedDevice device, String password) {
        return Answers.frame(packets.hourly(device, "20260302100001000", password, avroSample(device), false));
    }

    @Test
    void shouldRunTheFirstEnterprisesOutletsAsLoggersSpeakingBothRevisions() {
        assertThat(FLEET.enterpriseIds()).containsExactly("E0001", "E0002");
        assertThat(FLEET.devices()).allSatisfy(d -> assertThat(d.mn()).isEqualTo("SIM" + d.outletId().replace("-", "")));
        assertThat(FLEET.devices()).extracting(SimulatedDevice::version).extracting(Enum::name)
                .contains("HJ212_2017", "HJ212_2025");
        assertThat(FLEET.devices()).extracting(SimulatedDevice::password).allMatch(pw -> pw.matches("\\d{6}"));
    }

    @Test
    void shouldBeAccountedByTheGatewayAsExactlyTheSampleTheAvroSimulatorWouldHaveSent() {
        for (SimulatedDevice device : FLEET.devices()) {
            List<Outcome> outcomes = gateway.feed(hourly(device, device.password()));

            assertThat(outcomes).hasSize(1);
            Outcome outcome = outcomes.get(0);
            assertThat(outcome.result()).isEqualTo(PacketResult.ACCOUNTED);
            assertThat(new String(outcome.answer().orElseThrow(), StandardCharsets.US_ASCII)).contains("CN=9014");
            WastewaterSample expected = avroSample(device);
            WastewaterSample sample = outcome.samples().get(0);
            // The same interval, outlet, volume, concentrations and flags; only the id and the source differ.
            assertThat(sample.getEventId()).isEqualTo("hj212:" + device.mn() + ":2061:20260302100000");
            assertThat(sample.getSource()).isEqualTo("hj212");
            expected.setEventId(sample.getEventId());
            expected.setSource("hj212");
            assertThat(sample).isEqualTo(expected);
        }
    }

    @Test
    void shouldMarkALateUploadAsBackfill() {
        SimulatedDevice device = FLEET.devices().get(0);
        String segment = packets.hourly(device, "20260302130001000", device.password(), avroSample(device), true);

        assertThat(segment).contains(";RF=1;CP=&&DataTime=20260302100000;");
        assertThat(gateway.feed(Answers.frame(segment)).get(0).result()).isEqualTo(PacketResult.ACCOUNTED);
    }

    @Test
    void shouldLeaveTheGatewayADeadLetterForEachLineFault() {
        SimulatedDevice device = FLEET.devices().get(0);
        byte[] good = hourly(device, device.password());

        Outcome badCrc = gateway.feed(DeviceSession.withWrongCrc(good)).get(0);
        Outcome badPassword = gateway.feed(hourly(device, "000000".equals(device.password()) ? "1" : "000000")).get(0);
        byte[] truncatedThenWhole = new byte[good.length / 2 + good.length];
        System.arraycopy(good, 0, truncatedThenWhole, 0, good.length / 2);
        System.arraycopy(good, 0, truncatedThenWhole, good.length / 2, good.length);
        List<Outcome> garbled = gateway.feed(truncatedThenWhole);

        assertThat(badCrc.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_CRC);
        assertThat(new String(badCrc.answer().orElseThrow(), StandardCharsets.US_ASCII)).contains("QnRtn=9");
        assertThat(badPassword.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_PASSWORD);
        assertThat(new String(badPassword.answer().orElseThrow(), StandardCharsets.US_ASCII)).contains("QnRtn=3");
        assertThat(garbled).extracting(Outcome::result).containsExactly(PacketResult.REFUSED, PacketResult.ACCOUNTED);
        assertThat(garbled.get(0).rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_LENGTH);
    }

    @Test
    void shouldSendRealTimeDataThatAsksForNoAnswerAndIsKept() {
        SimulatedDevice device = FLEET.devices().get(1);
        Outcome outcome = gateway.feed(Answers.frame(packets.realTime(device, "20260302101500000",
                HOUR.plus(Duration.ofMinutes(15)), avroSample(device)))).get(0);

        assertThat(outcome.cn()).isEqualTo("2011");
        assertThat(outcome.result()).isEqualTo(PacketResult.KEPT);
        assertThat(outcome.answer()).isEmpty();
    }

    @Test
    void shouldGiveTheSameFaultsFromTheSameSeedAtTheProbabilityAsked() {
        FaultPlan plan = new FaultPlan(7, 0.05);
        int hours = 20_000;
        int faulty = 0;
        java.util.EnumSet<LineFault> seen = java.util.EnumSet.noneOf(LineFault.class);
        SimulatedDevice device = FLEET.devices().get(0);
        for (int h = 0; h < hours; h++) {
            Instant hour = HOUR.plus(Duration.ofHours(h));
            LineFault fault = plan.of(device, hour);
            assertThat(new FaultPlan(7, 0.05).of(device, hour)).isEqualTo(fault);
            if (fault != LineFault.NONE) {
                faulty++;
                seen.add(fault);
            }
        }
        // 1 000 expected; the binomial standard deviation is about 31.
        assertThat(faulty).isBetween(850, 1150);
        assertThat(seen).containsExactlyInAnyOrder(LineFault.BAD_CRC, LineFault.WRONG_PASSWORD,
                LineFault.GARBLED_FRAME, LineFault.MISSING_HOUR, LineFault.LATE_RESEND);
        assertThat(FaultPlan.none().of(device, HOUR)).isEqualTo(LineFault.NONE);
    }

    @Test
    void shouldLeaveTheLoggersEnterprisesOutOfTheAvroWastewater() {
        EventGenerator avro = GENERATOR.withoutWastewaterOf(FLEET.enterpriseIds());
        var kinds = avro.events(HOUR, HOUR.plus(Duration.ofHours(1)))
                .filter(e -> e.kind() == org.parkwatch.simulator.EventKind.WASTEWATER_SAMPLE)
                .map(e -> e.key()).distinct().toList();

        assertThat(kinds).containsExactly("E0003", "E0004");
    }
}
