package org.parkwatch.simulator.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parkwatch.gateway.hj212.Answers;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;

/** A logger over a real socket: it sends again when the platform stays silent, and stops at the answer. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DataLoggerTest {

    private static final String QN = "20260302100001000";
    private static final byte[] HOURLY = Answers.frame("QN=" + QN + ";ST=32;CN=2061;PW=123456;MN=SIME0001W1;Flag=5;"
            + "CP=&&DataTime=20260302100000;w00000-Cou=12.5&&");

    @Test
    void shouldSendAgainAfterSilenceAndStopAtTheDataAnswer() throws Exception {
        try (ServerSocket platform = new ServerSocket(0)) {
            // The platform lets the first two copies go unanswered, then answers the third with 9014.
            CompletableFuture<List<byte[]>> heard = CompletableFuture.supplyAsync(() -> {
                List<byte[]> frames = new ArrayList<>();
                try (Socket device = platform.accept()) {
                    FrameScanner scanner = new FrameScanner();
                    InputStream in = device.getInputStream();
                    byte[] chunk = new byte[4096];
                    while (frames.size() < 3) {
                        int read = in.read(chunk);
                        for (Scanned scanned : scanner.feed(java.util.Arrays.copyOf(chunk, read))) {
                            frames.add(scanned.bytes());
                        }
                    }
                    device.getOutputStream().write(Answers.dataAnswer(PacketParser.parse(
                            ((Scanned.Frame) new FrameScanner().feed(frames.get(2)).get(0)).dataSegmentText())));
                    device.getInputStream().read();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return frames;
            });
            try (DataLogger logger = new DataLogger(new InetSocketAddress("127.0.0.1", platform.getLocalPort()),
                    Duration.ofMillis(300), 3)) {
                DataLogger.Answer answer = logger.send(HOURLY, QN);

                assertThat(answer).isInstanceOf(DataLogger.DataAnswer.class);
            }
            assertThat(heard.get(10, TimeUnit.SECONDS)).hasSize(3).allSatisfy(f -> assertThat(f).isEqualTo(HOURLY));
        }
    }

    @Test
    void shouldTakeOnlyTheAnswerWithItsOwnQn() throws Exception {
        var other = new FrameScanner().feed(Answers.dataAnswer(PacketParser.parse(
                "QN=20260302100000999;ST=32;CN=2061;PW=123456;MN=SIME0001W1;Flag=5;CP=&&&&")));
        var refusal = new FrameScanner().feed(Answers.requestAnswer(PacketParser.parse(
                "QN=" + QN + ";ST=32;CN=2061;PW=123456;MN=SIME0001W1;Flag=5;CP=&&&&"), Answers.QN_RTN_PW_ERROR));

        assertThat(DataLogger.answerTo(other.get(0), QN)).isEmpty();
        assertThat(DataLogger.answerTo(refusal.get(0), QN)).contains(new DataLogger.Refused(3));
    }
}
