package org.parkwatch.gateway.hj212;

/**
 * The check of HJ 212-2017 Appendix A ("ANSI CRC16"), over the data segment only. It is not the MODBUS CRC-16:
 * each byte is XORed into the register's high byte shifted down ({@code reg = (reg >> 8) ^ byte}), which discards
 * the high byte every round; the polynomial (0xA001 reflected) and the initial value (0xFFFF) are MODBUS's. The
 * standard's own example (data segment of 101 characters) gives 1C80; its prose misprints it as 1C08. HJ 212-2025
 * keeps the algorithm.
 */
public final class Hj212Crc {

    private Hj212Crc() {
    }

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}. */
    public static int of(byte[] data, int offset, int length) {
        int reg = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            reg = (reg >>> 8) ^ (data[i] & 0xFF);
            for (int bit = 0; bit < 8; bit++) {
                boolean carry = (reg & 1) != 0;
                reg >>>= 1;
                if (carry) {
                    reg ^= 0xA001;
                }
            }
        }
        return reg;
    }

    public static int of(byte[] data) {
        return of(data, 0, data.length);
    }

    /** Four upper-case hexadecimal digits, high byte first, as the standard writes them. */
    public static String hex(int crc) {
        return String.format("%04X", crc & 0xFFFF);
    }
}
