package org.parkwatch.serde;

/** The Confluent framing: magic byte 0, then the schema id as a 4-byte big-endian int, then the Avro body. */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }

    /** The schema id of a framed record, after checking the frame. */
    static int schemaId(byte[] data) {
        if (data.length < HEADER_LENGTH) {
            throw new WireFormatException(WireFormatException.Problem.MALFORMED_BYTES, "record of " + data.length
                    + " byte(s) is shorter than the 5-byte Confluent header (magic byte 0 + schema id)");
        }
        if (data[0] != MAGIC_BYTE) {
            throw new WireFormatException(WireFormatException.Problem.MALFORMED_BYTES, String.format(
                    "first byte is 0x%02x, not the Confluent magic byte 0x00; not Confluent wire-format Avro",
                    data[0] & 0xff));
        }
        return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
    }
}
