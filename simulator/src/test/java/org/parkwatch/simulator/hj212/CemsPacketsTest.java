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
import org.parkwatch.avro.DataFlag;
import org.parkwatch.avro.Device;
import org.parkwatch.avro.FlueGasSample;
import org.parkwatch.avro.StackPollutant;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.PacketFault;
import org.parkwatch.gateway.hj212.ProtocolVersion;
import org.parkwatch.gateway.intake.ConnectionIntake;
import org.parkwatch.gateway.intake.Outcome;
import org.parkwatch.gateway.intake.PacketResult;
import org.parkwatch.gateway.water.WastewaterSampleMapper;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;

/** The simulated CEMS's packets as the gateway's own intake reads them. */
class CemsPacketsTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(7).withEnterpriseCount(6));
    private static final DeviceFleet FLEET = DeviceFleet.of(PARK, 6, 7);
    private static final EventGenerator GENERATOR = new EventGenerator(PARK, GeneratorSettings.defaults(7));
    // 2026-03-02 10:00 in Shanghai, a Monday working hour.
    private static final Instant HOUR = Instant.parse("2026-03-02T02:00:00Z");

    private final CemsPackets packets = new CemsPackets(ZONE);
    private final Map<String, Device> registered = FLEET.records();
    private final ConnectionIntake gateway = new ConnectionIntake(mn -> Optional.ofNullable(registered.get(mn)),
            new WastewaterSampleMapper(ZONE));

    private static FlueGasSample avroSample(SimulatedCems cems) {
        return GENERATOR.flueGasSample(cems.enterprise(), cems.stackIndex(), HOUR, HOUR.plus(Duration.ofHours(1)));
    }

    private byte[] hourly(SimulatedCems cems, String password) {
        return Answers.frame(packets.hourly(cems, "20260302110001000", password, avroSample(cems), false));
    }

    @Test
    void shouldRunACemsOnEveryStackOfTheFleetsEnterprisesRegisteredWithItsStack() {
        long stacks = PARK.enterprises().stream().mapToLong(e -> e.stacks().size()).sum();
        assertThat(FLEET.cems()).hasSize((int) stacks).isNotEmpty();
        for (SimulatedCems cems : FLEET.cems()) {
            assertThat(cems.mn()).isEqualTo("SIM" + cems.stackId().replace("-", ""));
            Device record = registered.get(cems.mn());
            assertThat(record.getStackId()).isEqualTo(cems.stackId());
            assertThat(record.getOutletId()).isNull();
            // Numbered after the water loggers, so that each device draws its own faults.
            assertThat(cems.index()).isGreaterThanOrEqualTo(FLEET.devices().size());
        }
        assertThat(FLEET.stackIds()).hasSize(FLEET.cems().size());
        assertThat(FLEET.cems()).extracting(SimulatedCems::version)
                .contains(ProtocolVersion.HJ212_2017, ProtocolVersion.HJ212_2025);
    }

    @Test
    void shouldWriteAnHourAsAnSt31HourlyPacketAskingForAnAnswer() {
        SimulatedCems cems = FLEET.cems().get(0);
        FlueGasSample hour = new FlueGasSample("x", cems.enterprise().enterpriseId(), cems.stackId(), 45000.0,
                DataFlag.N, 9.2, DataFlag.N, new StackPollutant(120.5, 122.54, 5.4225, DataFlag.N),
                new StackPollutant(null, null, null, DataFlag.M), null, HOUR, HOUR.plus(Duration.ofHours(1)), "avro");

        String segment = packets.hourly(cems, "20260302110001000", cems.password(), hour, false);

        int flag = (cems.version() == ProtocolVersion.HJ212_2025 ? 8 : 4) + 1;
        // 45 000 m3 over 3 600 s = 12.5 m3/s.
        assertThat(segment).isEqualTo("QN=20260302110001000;ST=31;CN=2061;PW=" + cems.password() + ";MN="
                + cems.mn() + ";Flag=" + flag + ";CP=&&DataTime=20260302100000;a00000-Avg=12.5,a00000-Cou=45000,"
                + "a00000-Flag=N;a19001-Avg=9.2,a19001-Flag=N;a21026-Avg=120.5,a21026-ZsAvg=122.54,"
                + "a21026-Cou=5.4225,a21026-Flag=N;a21002-Flag=M;a34013-Flag=D&&");
    }

    @Test
    void shouldBeAccountedByTheGatewayAsExactlyTheSampleTheGeneratorMade() {
        for (SimulatedCems cems : FLEET.cems()) {
            List<Outcome> outcomes = gateway.feed(hourly(cems, cems.password()));

            assertThat(outcomes).hasSize(1);
            Outcome outcome = outcomes.get(0);
            assertThat(outcome.result()).as(cems.mn()).isEqualTo(PacketResult.ACCOUNTED);
            assertThat(new String(outcome.answer().orElseThrow(), StandardCharsets.US_ASCII)).contains("CN=9014");
            FlueGasSample sample = outcome.flueGasSamples().get(0);
            FlueGasSample expected = avroSample(cems);
            assertThat(sample.getEventId()).isEqualTo("hj212:" + cems.mn() + ":2061:20260302100000");
            expected.setEventId(sample.getEventId());
            expected.setSource("hj212");
            assertThat(sample).isEqualTo(expected);
        }
    }

    @Test
    void shouldLeaveTheGatewayADeadLetterForEachLineFault() {
        SimulatedCems cems = FLEET.cems().get(0);
        byte[] good = hourly(cems, cems.password());

        Outcome badCrc = gateway.feed(DeviceSession.withWrongCrc(good)).get(0);
        Outcome badPassword = gateway.feed(hourly(cems, DeviceSession.wrongPassword(cems.password()))).get(0);
        List<Outcome> garbled = gateway.feed(DeviceSession.concat(java.util.Arrays.copyOf(good, good.length / 2),
                good));

        assertThat(badCrc.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_CRC);
        assertThat(badPassword.rejection().orElseThrow().fault()).isEqualTo(PacketFault.BAD_PASSWORD);
        assertThat(garbled).extracting(Outcome::result).containsExactly(PacketResult.REFUSED, PacketResult.ACCOUNTED);
    }

    @Test
    void shouldDrawCemsFaultsFromTheSamePlanAsTheLoggers() {
        FaultPlan plan = new FaultPlan(7, 0.5);
        SimulatedCems cems = FLEET.cems().get(0);
        long faulty = 0;
        for (int h = 0; h < 200; h++) {
            Instant hour = HOUR.plus(Duration.ofHours(h));
            if (plan.of(cems.index(), hour) != LineFault.NONE) {
                faulty++;
            }
        }
        // Half the hours, give or take: 100 of 200 with a standard deviation of about 7.
        assertThat(faulty).isBetween(70L, 130L);
    }

    @Test
    void shouldSendRealTimeDataThatAsksForNoAnswerAndIsKept() {
        SimulatedCems cems = FLEET.cems().get(0);
        String segment = packets.realTime(cems, "20260302101500000", HOUR.plus(Duration.ofMinutes(15)),
                avroSample(cems));
        Outcome outcome = gateway.feed(Answers.frame(segment)).get(0);

        assertThat(segment).contains(";ST=31;CN=2011;", "DataTime=20260302101500;a00000-Rtd=", "a19001-Rtd=");
        assertThat(outcome.result()).isEqualTo(PacketResult.KEPT);
        assertThat(outcome.answer()).isEmpty();
    }
}
