package org.parkwatch.gateway.hj212;

import java.nio.charset.StandardCharsets;

/**
 * The platform's answers to a device, framed and ready to send: a data answer (9014), a notification answer (9013),
 * and a request answer (9011) with its QnRtn code. Each repeats the packet's QN, PW and MN, with ST=91 (system
 * interaction) and the Flag of the packet's own version with no answer asked, as in HJ 212-2017 Appendix C.
 */
public final class Answers {

    /** QnRtn codes (HJ 212-2017 Table 7). */
    public static final int QN_RTN_READY = 1;
    public static final int QN_RTN_REFUSED = 2;
    public static final int QN_RTN_PW_ERROR = 3;
    public static final int QN_RTN_MN_ERROR = 4;
    public static final int QN_RTN_CN_ERROR = 8;
    public static final int QN_RTN_CRC_ERROR = 9;

    private Answers() {
    }

    /** 9014: the data were received (and, in this gateway, written). */
    public static byte[] dataAnswer(Packet packet) {
        return frame(interaction(packet, "9014", ""));
    }

    /** 9013: a notification (time-calibration request 1013, heartbeat 9015) was received. */
    public static byte[] notificationAnswer(Packet packet) {
        return frame(interaction(packet, "9013", ""));
    }

    /** 9011 with {@code qnRtn}: the request is refused, or ready to be executed. */
    public static byte[] requestAnswer(Packet packet, int qnRtn) {
        return frame(interaction(packet, "9011", "QnRtn=" + qnRtn));
    }

    private static String interaction(Packet packet, String cn, String area) {
        StringBuilder segment = new StringBuilder();
        packet.qn().ifPresent(qn -> segment.append("QN=").append(qn).append(';'));
        segment.append("ST=91;CN=").append(cn).append(";PW=").append(packet.pw()).append(";MN=").append(packet.mn())
                .append(';');
        if (packet.flag().isPresent()) {
            segment.append("Flag=").append(packet.version().answerFlag()).append(';');
        }
        return segment.append("CP=&&").append(area).append("&&").toString();
    }

    /** {@code ##}, the length, the data segment, its CRC and CRLF. */
    public static byte[] frame(String dataSegment) {
        byte[] data = dataSegment.getBytes(StandardCharsets.UTF_8);
        if (data.length > FrameScanner.MAX_DATA_SEGMENT) {
            throw new IllegalArgumentException("data segment of " + data.length + " bytes exceeds "
                    + FrameScanner.MAX_DATA_SEGMENT);
        }
        String framed = "##" + String.format("%04d", data.length) + dataSegment + Hj212Crc.hex(Hj212Crc.of(data))
                + "\r\n";
        return framed.getBytes(StandardCharsets.UTF_8);
    }
}
