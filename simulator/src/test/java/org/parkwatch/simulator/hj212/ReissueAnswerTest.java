package org.parkwatch.simulator.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.simulator.EventGenerator;
import org.parkwatch.simulator.GeneratorSettings;
import org.parkwatch.simulator.ParkModel;
import org.parkwatch.simulator.ParkSettings;

/**
 * A simulated logger, and a simulated CEMS, asked by the platform for an hour again (HJ 212-2017 Table C.21), over
 * a real socket: each answers 9011 QnRtn=1, sends the hour's data (the platform answers 9014) and ends with 9012 ExeRtn=1.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReissueAnswerTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final ParkModel PARK = ParkModel.generate(ParkSettings.defaults(7).withEnterpriseCount(4));
    private static final SimulatedDevice DEVICE = DeviceFleet.of(PARK, 1, 7).devices().get(0);
    private static final String REQUEST_QN = "20260302120000000";

    @Test
    void shouldAnswerThePlatformsRequestForAnHourItLost() throws Exception {
        FleetTally tally = new FleetTally();
        assertAnswered(DEVICE.mn(), DEVICE.password(), "32", logger -> new LoggerSession(DEVICE,
                new EventGenerator(PARK, GeneratorSettings.defaults(7)), new LoggerPackets(ZONE), FaultPlan.none(),
                logger, tally));
        assertThat(tally.hoursReissued()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAsACemsToo() throws Exception {
        SimulatedCems cems = DeviceFleet.of(PARK, 4, 7).cems().get(0);
        FleetTally tally = new FleetTally();
        assertAnswered(cems.mn(), cems.password(), "31", logger -> new CemsSession(cems,
                new EventGenerator(PARK, GeneratorSettings.defaults(7)), new CemsPackets(ZONE), FaultPlan.none(),
                logger, tally));
        assertThat(tally.hoursReissued()).isEqualTo(1);
    }

    private static void assertAnswered(String mn, String password, String system,
                                       java.util.function.Function<DataLogger, HourlyUploads> device) throws Exception {
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);
        String time = new LoggerPackets(ZONE).qn(hour).substring(0, 14);
        String request = "QN=" + REQUEST_QN + ";ST=" + system + ";CN=2061;PW=" + password + ";MN=" + mn
                + ";Flag=5;CP=&&BeginTime=" + time + ";EndTime=" + time + "&&";
        try (ServerSocket platform = new ServerSocket(0)) {
            CompletableFuture<List<Packet>> heard = CompletableFuture.supplyAsync(() -> {
                List<Packet> packets = new ArrayList<>();
                try (Socket socket = platform.accept()) {
                    FrameScanner scanner = new FrameScanner();
                    InputStream in = socket.getInputStream();
                    byte[] chunk = new byte[4096];
                    boolean asked = false;
                    while (packets.isEmpty() || !"9012".equals(packets.get(packets.size() - 1).cn())) {
                        int read = in.read(chunk);
                        for (Scanned scanned : scanner.feed(java.util.Arrays.copyOf(chunk, read))) {
                            Packet packet = PacketParser.parse(((Scanned.Frame) scanned).dataSegmentText());
                            packets.add(packet);
                            if (!asked) { // the device's real-time packet: it is online, ask it for the hour
                                socket.getOutputStream().write(Answers.frame(request));
                                asked = true;
                            } else if ("2061".equals(packet.cn())) {
                                socket.getOutputStream().write(Answers.dataAnswer(packet));
                            }
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return packets;
            });
            try (DataLogger logger = new DataLogger(new InetSocketAddress("127.0.0.1", platform.getLocalPort()),
                    Duration.ofSeconds(2), 3)) {
                HourlyUploads session = device.apply(logger);
                session.sendRealTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
                while (!heard.isDone()) {
                    session.answerPlatformRequests();
                    Thread.sleep(50);
                }
            }
            List<Packet> packets = heard.get(10, TimeUnit.SECONDS);
            assertThat(packets).extracting(Packet::cn).containsExactly("2011", "9011", "2061", "9012");
            assertThat(packets).extracting(Packet::mn).containsOnly(mn);
            assertThat(packets.get(1).qn()).contains(REQUEST_QN);
            assertThat(packets.get(1).field("QnRtn")).contains("1");
            assertThat(packets.get(2).st()).isEqualTo(system);
            assertThat(packets.get(2).field("DataTime")).contains(time);
            assertThat(packets.get(2).backfill()).isFalse();
            assertThat(packets.get(3).qn()).contains(REQUEST_QN);
            assertThat(packets.get(3).field("ExeRtn")).contains("1");
        }
    }
}
