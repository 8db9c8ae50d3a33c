package org.parkwatch.gateway.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class CpRegionCipherTest {

    /** GB/T 32907-2016 Appendix A, example 1: key and plaintext 0123456789abcdeffedcba9876543210. */
    private static final String STANDARD_KEY = "0123456789abcdeffedcba9876543210";
    private static final byte[] STANDARD_PLAIN = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");
    private static final byte[] STANDARD_CIPHER = HexFormat.of().parseHex("681edf34d206965e86b3e94f536e4246");
    private static final byte[] HEADER = "QN=1;ST=32;CN=2061;PW=123456;MN=M1;Flag=9;CP=&&"
            .getBytes(StandardCharsets.US_ASCII);

    private static byte[] segment(byte[] region) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER);
        out.writeBytes(region);
        out.writeBytes("&&".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] regionOf(byte[] segment) {
        return Arrays.copyOfRange(segment, HEADER.length, segment.length - 2);
    }

    @Test
    void shouldEncryptAGroupAsTheStandardsExampleDoes() throws Exception {
        CpRegionCipher raw = new CpRegionCipher(STANDARD_KEY, CpRegionCipher.Encoding.RAW);

        byte[] sent = raw.encrypt(segment(STANDARD_PLAIN));

        assertThat(regionOf(sent)).isEqualTo(STANDARD_CIPHER);
        assertThat(Arrays.copyOf(sent, HEADER.length)).as("the header stays plaintext").isEqualTo(HEADER);
        assertThat(raw.decrypt(sent)).isEqualTo(segment(STANDARD_PLAIN));
    }

    @Test
    void shouldSendHexadecimalCiphertextAndLeaveATailShorterThanAGroupInPlaintext() throws Exception {
        CpRegionCipher hex = new CpRegionCipher(STANDARD_KEY, CpRegionCipher.Encoding.HEX);
        byte[] plain = new byte[STANDARD_PLAIN.length + 3];
        System.arraycopy(STANDARD_PLAIN, 0, plain, 0, STANDARD_PLAIN.length);
        plain[16] = 'a';
        plain[17] = 'b';
        plain[18] = 'c';

        byte[] sent = hex.encrypt(segment(plain));

        assertThat(new String(regionOf(sent), StandardCharsets.US_ASCII))
                .isEqualTo("681EDF34D206965E86B3E94F536E4246abc");
        assertThat(hex.decrypt(sent)).isEqualTo(segment(plain));
    }

    @Test
    void shouldRefuseHexadecimalCiphertextWithATailOfAGroupOrMore() {
        CpRegionCipher hex = new CpRegionCipher(STANDARD_KEY, CpRegionCipher.Encoding.HEX);
        byte[] sent = segment("681EDF34D206965E86B3E94F536E4246abcdefghijklmnopq".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> hex.decrypt(sent)).isInstanceOf(UnreadablePacketException.class)
                .hasMessageContaining("plaintext tail of 17 bytes");
    }

    @Test
    void shouldRefuseAKeyThatIsNot128BitsOfHexadecimal() {
        assertThatThrownBy(() -> new CpRegionCipher("0123", CpRegionCipher.Encoding.HEX))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
