package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameScannerTest {

    /** HJ 212-2017 Appendix A, CRC 1C80. */
    static final String APPENDIX_A = "##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&RtdInterval=30&&1C80\r\n";
    /** A data logger's 2011 packet, CRC 06C0. */
    static final String DEVICE_LOG = "##0116QN=20220814021304000;ST=22;CN=2011;PW=123456;MN=;Flag=5;CP=&&"
            + "DataTime=20220814021304;a50001-Rtd=0.00,a50001-Flag=B&&06C0\r\n";

    private final FrameScanner scanner = new FrameScanner();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Test
    void shouldFindAFrameAndCheckItsCrc() {
        List<Scanned> found = scanner.feed(ascii(APPENDIX_A));

        assertThat(found).singleElement().isInstanceOfSatisfying(Scanned.Frame.class, frame -> {
            assertThat(text(frame.bytes())).isEqualTo(APPENDIX_A);
            assertThat(frame.dataSegmentText()).startsWith("QN=2016").endsWith("RtdInterval=30&&").hasSize(101);
            assertThat(frame.sentCrc()).isEqualTo("1C80");
            assertThat(frame.crcMatches()).isTrue();
        });
        assertThat(scanner.buffered()).isZero();
    }

    @Test
    void shouldFindSeveralFramesInOneReadAndOneFrameOverManyReads() {
        List<Scanned> oneRead = scanner.feed(ascii(APPENDIX_A + DEVICE_LOG + APPENDIX_A));
        assertThat(oneRead).extracting(s -> text(s.bytes())).containsExactly(APPENDIX_A, DEVICE_LOG, APPENDIX_A);

        List<Scanned> byteByByte = new ArrayList<>();
        for (byte b : ascii(DEVICE_LOG + APPENDIX_A)) {
            byteByByte.addAll(scanner.feed(new byte[] {b}));
        }
        assertThat(byteByByte).extracting(s -> text(s.bytes())).containsExactly(DEVICE_LOG, APPENDIX_A);
        assertThat(byteByByte).allSatisfy(s -> assertThat(s).isInstanceOf(Scanned.Frame.class));
    }

    @Test
    void shouldNotCutAFrameAtACrLfInsideIt() {
        // A CRLF is no boundary: only the length field says where the data segment ends.
        String segment = "QN=1;ST=32;CN=2011;PW=1;MN=A;Flag=4;CP=&&i11001-Info=a\r\nb&&";
        String packet = new String(Answers.frame(segment), StandardCharsets.US_ASCII);

        assertThat(scanner.feed(ascii(packet))).singleElement().isInstanceOfSatisfying(Scanned.Frame.class,
                frame -> assertThat(frame.crcMatches()).isTrue());
    }

    @Test
    void shouldReportGarbageBetweenFramesAndKeepTheFrames() {
        List<Scanned> found = scanner.feed(ascii("AT+OK\r\n" + APPENDIX_A + "xx#" + DEVICE_LOG));

        assertThat(found).hasSize(4);
        assertThat(found.get(0)).isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_FRAME);
            assertThat(text(r.bytes())).isEqualTo("AT+OK\r\n");
        });
        assertThat(found.get(1)).isInstanceOf(Scanned.Frame.class);
        assertThat(found.get(2)).isInstanceOfSatisfying(Scanned.Refused.class,
                r -> assertThat(text(r.bytes())).isEqualTo("xx#"));
        assertThat(text(found.get(3).bytes())).isEqualTo(DEVICE_LOG);
    }

    @Test
    void shouldKeepALoneTrailingHashForTheNextRead() {
        assertThat(scanner.feed(ascii("#"))).isEmpty();
        assertThat(scanner.feed(ascii(APPENDIX_A.substring(1)))).singleElement()
                .isInstanceOf(Scanned.Frame.class);
    }

    @Test
    void shouldRefuseADataSegmentOver1024BytesWithItsBytesAndResumeAtTheNextFrame() {
        String oversize = "##1025QN=1;" + "x".repeat(1020) + "0000\r\n";

        List<Scanned> found = scanner.feed(ascii(oversize + APPENDIX_A));

        assertThat(found).hasSize(2);
        assertThat(found.get(0)).isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.OVERSIZE);
            assertThat(text(r.bytes())).isEqualTo(oversize);
        });
        assertThat(text(found.get(1).bytes())).isEqualTo(APPENDIX_A);
    }

    @Test
    void shouldRefuseALengthFieldThatIsNotFourDigits() {
        String bad = "##01a1QN=20160801085857223;ST=32;CP=&&&&1C80\r\n";

        List<Scanned> found = scanner.feed(ascii(bad + APPENDIX_A));

        assertThat(found.get(0)).isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_LENGTH);
            assertThat(text(r.bytes())).isEqualTo(bad);
        });
        assertThat(found.get(1)).isInstanceOf(Scanned.Frame.class);
    }

    @Test
    void shouldRefuseAFrameWhoseLengthIsTooShortAndResumeAtTheNextFrame() {
        String tooShort = APPENDIX_A.replace("##0101", "##0100");

        List<Scanned> found = scanner.feed(ascii(tooShort + APPENDIX_A));

        assertThat(found).hasSize(2);
        assertThat(found.get(0)).isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_LENGTH);
            assertThat(text(r.bytes())).isEqualTo(tooShort);
        });
        assertThat(text(found.get(1).bytes())).isEqualTo(APPENDIX_A);
    }

    @Test
    void shouldRefuseAFrameWhoseLengthIsTooLongWithoutWaitingForBytesThatBelongToTheNextFrame() {
        String tooLong = APPENDIX_A.replace("##0101", "##0300");

        List<Scanned> found = scanner.feed(ascii(tooLong + APPENDIX_A));

        assertThat(found).extracting(s -> s instanceof Scanned.Refused r ? r.fault() : null)
                .containsExactly(PacketFault.BAD_LENGTH, null);
        assertThat(text(found.get(0).bytes())).isEqualTo(tooLong);
    }

    @Test
    void shouldAcceptALowerCaseCrcAndLeaveAWrongOneForTheCallerToRefuse() {
        Scanned.Frame lower = (Scanned.Frame) scanner.feed(ascii(APPENDIX_A.replace("1C80", "1c80"))).get(0);
        Scanned.Frame wrong = (Scanned.Frame) scanner.feed(ascii(APPENDIX_A.replace("1C80", "1C08"))).get(0);

        assertThat(lower.crcMatches()).isTrue();
        assertThat(wrong.crcMatches()).isFalse();
        assertThat(Hj212Crc.hex(wrong.computedCrc())).isEqualTo("1C80");
    }

    @Test
    void shouldRefuseACrcFieldThatIsNotHexadecimal() {
        String bad = APPENDIX_A.replace("1C80", "1CZ0");

        assertThat(scanner.feed(ascii(bad))).singleElement().isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_FRAME);
            assertThat(text(r.bytes())).isEqualTo(bad);
        });
    }

    @Test
    void shouldRefuseAFrameCutShortByTheEndOfTheConnection() {
        String half = APPENDIX_A.substring(0, 50);

        assertThat(scanner.feed(ascii(half))).isEmpty();
        assertThat(scanner.finish()).singleElement().isInstanceOfSatisfying(Scanned.Refused.class, r -> {
            assertThat(r.fault()).isEqualTo(PacketFault.BAD_LENGTH);
            assertThat(text(r.bytes())).isEqualTo(half);
        });
    }

    @Test
    void shouldCutAnEndlessRunOfGarbageIntoBoundedRefusals() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        List<Scanned> found = new ArrayList<>();
        byte[] chunk = ascii("z".repeat(10_000));
        for (int i = 0; i < 10; i++) {
            found.addAll(scanner.feed(chunk));
            all.writeBytes(chunk);
        }
        found.addAll(scanner.finish());

        assertThat(found).allSatisfy(s -> assertThat(s.bytes().length).isLessThanOrEqualTo(FrameScanner.MAX_REFUSED_RUN));
        assertThat(found.stream().mapToInt(s -> s.bytes().length).sum()).isEqualTo(100_000);
        assertThat(scanner.buffered()).isZero();
    }
}
