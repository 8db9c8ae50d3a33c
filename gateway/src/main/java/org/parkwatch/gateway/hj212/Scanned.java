package org.parkwatch.gateway.hj212;

import java.nio.charset.StandardCharsets;

/** What {@link FrameScanner} finds in a device's byte stream: a whole frame, or bytes it refuses. */
public sealed interface Scanned permits Scanned.Frame, Scanned.Refused {

    /** The bytes as received, for the raw topic and the dead letter. */
    byte[] bytes();

    /**
     * A frame of the right shape: {@code ##}, length, data segment, four hexadecimal digits, CRLF.
     *
     * @param sentCrc     the CRC field as sent (either case)
     * @param computedCrc the CRC of the data segment per Appendix A
     */
    record Frame(byte[] bytes, byte[] dataSegment, String sentCrc, int computedCrc) implements Scanned {

        /** Whether the CRC sent is the data segment's; devices write it in either case. */
        public boolean crcMatches() {
            return sentCrc.equalsIgnoreCase(Hj212Crc.hex(computedCrc));
        }

        public String dataSegmentText() {
            return new String(dataSegment, StandardCharsets.UTF_8);
        }

        /**
         * The same frame with its data segment decrypted: its CRC is checked over the plaintext, as the sender
         * computed it. The bytes as received stay those of the frame.
         */
        public Frame withPlainDataSegment(byte[] plain) {
            return new Frame(bytes, plain, sentCrc, Hj212Crc.of(plain));
        }
    }

    /** Bytes that are not a well-formed frame, with why. */
    record Refused(PacketFault fault, String detail, byte[] bytes) implements Scanned {
    }
}
