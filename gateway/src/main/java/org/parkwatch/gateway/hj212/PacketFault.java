package org.parkwatch.gateway.hj212;

/** Why a packet, or bytes that should have been one, is refused. Each becomes a dead-letter reason. */
public enum PacketFault {
    /** Bytes outside any frame (before a {@code ##}), or a frame whose CRC field is not four hexadecimal digits. */
    BAD_FRAME,
    /** The length field is not four decimal digits, or no CRC and CRLF follow the data segment it announces. */
    BAD_LENGTH,
    /** The CRC sent differs from the CRC of the data segment. */
    BAD_CRC,
    /** No active device with this MN is registered. */
    UNKNOWN_DEVICE,
    /** The PW sent is not the device's password. */
    BAD_PASSWORD,
    /** A command (CN) the gateway does not take from a device. */
    UNSUPPORTED_COMMAND,
    /** A header or data-area field that cannot be read, or a field a command needs that is missing. */
    UNPARSEABLE_FIELD,
    /** A data segment announced longer than the 1024 bytes the standard allows. */
    OVERSIZE,
    /** Flue-gas data to account from a device whose registration names no stack (dead-letter reason UNKNOWN_STACK). */
    UNKNOWN_STACK;

    /**
     * The dead-letter reason ({@code RejectReason}) of this fault: {@code HJ212_} and its name, but for
     * UNKNOWN_STACK, which is about the register rather than the packet and is shared with the pipeline's own check
     * of a sample's stack.
     */
    public String reason() {
        return this == UNKNOWN_STACK ? name() : "HJ212_" + name();
    }
}
