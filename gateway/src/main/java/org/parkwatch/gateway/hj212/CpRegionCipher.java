package org.parkwatch.gateway.hj212;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 encryption of a packet's CP region, as HJ 212-2025 is reported to specify it [R in
 * shared/reference/hj212-2025.md, the standard itself not read]: SM4 with a 128-bit key in ECB mode without padding,
 * over the bytes between {@code CP=&&} and the closing {@code &&}; a trailing group shorter than 16 bytes stays
 * plaintext; the CRC is computed over the plaintext. Whether the ciphertext travels as raw bytes or as hexadecimal
 * text is unresolved between implementers, so it is a per-device setting ({@link Encoding}).
 *
 * <p>SM4 itself is Bouncy Castle's {@link SM4Engine} (GB/T 32907-2016); this class only finds the region and
 * applies the block cipher to each whole 16-byte group.
 */
public final class CpRegionCipher {

    /** How the ciphertext of the CP region travels. */
    public enum Encoding {
        /** As the cipher's bytes, so the region is as long as the plaintext. */
        RAW,
        /** As uppercase or lowercase hexadecimal text, two characters a byte. */
        HEX
    }

    private static final int BLOCK = 16;
    private static final byte[] CP_OPEN = "CP=&&".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CP_CLOSE = "&&".getBytes(StandardCharsets.US_ASCII);

    private final byte[] key;
    private final Encoding encoding;

    /**
     * @param keyHex 32 hexadecimal characters
     * @throws IllegalArgumentException when the key is not 128 bits of hexadecimal
     */
    public CpRegionCipher(String keyHex, Encoding encoding) {
        if (keyHex == null || keyHex.length() != 2 * BLOCK) {
            throw new IllegalArgumentException("an SM4 key is 32 hexadecimal characters");
        }
        this.key = HexFormat.of().parseHex(keyHex);
        this.encoding = encoding;
    }

    /**
     * The data segment with its CP region decrypted.
     *
     * @throws UnreadablePacketException when the segment has no CP region or its ciphertext is not of a length or
     *                                   form the encoding allows
     */
    public byte[] decrypt(byte[] dataSegment) throws UnreadablePacketException {
        int[] region = region(dataSegment);
        byte[] sent = java.util.Arrays.copyOfRange(dataSegment, region[0], region[1]);
        byte[] plainRegion = switch (encoding) {
            case RAW -> apply(false, sent, sent.length / BLOCK);
            case HEX -> fromHex(sent);
        };
        return splice(dataSegment, region, plainRegion);
    }

    /** The data segment with its CP region encrypted: what a device configured with this key sends. */
    public byte[] encrypt(byte[] plainSegment) throws UnreadablePacketException {
        int[] region = region(plainSegment);
        byte[] plain = java.util.Arrays.copyOfRange(plainSegment, region[0], region[1]);
        int blocks = plain.length / BLOCK;
        byte[] out = apply(true, plain, blocks);
        if (encoding == Encoding.HEX) {
            ByteArrayOutputStream hex = new ByteArrayOutputStream();
            hex.writeBytes(HexFormat.of().withUpperCase().formatHex(out, 0, blocks * BLOCK)
                    .getBytes(StandardCharsets.US_ASCII));
            hex.write(out, blocks * BLOCK, out.length - blocks * BLOCK);
            out = hex.toByteArray();
        }
        return splice(plainSegment, region, out);
    }

    /** Hexadecimal ciphertext of whole groups, then the plaintext tail shorter than a group. */
    private byte[] fromHex(byte[] sent) throws UnreadablePacketException {
        int blocks = sent.length / (2 * BLOCK);
        int tail = sent.length - blocks * 2 * BLOCK;
        if (tail >= BLOCK) {
            throw new UnreadablePacketException("the CP region is " + sent.length + " bytes: hexadecimal ciphertext"
                    + " of 16-byte groups leaves a plaintext tail of " + tail + " bytes, more than a group");
        }
        byte[] cipher;
        try {
            cipher = HexFormat.of().parseHex(new String(sent, 0, blocks * 2 * BLOCK, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new UnreadablePacketException("the CP region is not hexadecimal ciphertext: " + e.getMessage());
        }
        byte[] joined = new byte[cipher.length + tail];
        System.arraycopy(cipher, 0, joined, 0, cipher.length);
        System.arraycopy(sent, blocks * 2 * BLOCK, joined, cipher.length, tail);
        return apply(false, joined, blocks);
    }

    /** Encrypts or decrypts the first {@code blocks} groups of {@code in}; the rest is copied as it is. */
    private byte[] apply(boolean forEncryption, byte[] in, int blocks) {
        BlockCipher sm4 = new SM4Engine();
        sm4.init(forEncryption, new KeyParameter(key));
        byte[] out = in.clone();
        for (int b = 0; b < blocks; b++) {
            sm4.processBlock(in, b * BLOCK, out, b * BLOCK);
        }
        return out;
    }

    /** Start (inclusive) and end (exclusive) of the bytes between {@code CP=&&} and the segment's closing {@code &&}. */
    private static int[] region(byte[] segment) throws UnreadablePacketException {
        int open = indexOf(segment, CP_OPEN);
        int start = open + CP_OPEN.length;
        int end = segment.length - CP_CLOSE.length;
        if (open < 0 || end < start || segment[end] != '&' || segment[end + 1] != '&') {
            throw new UnreadablePacketException("no CP=&&...&& region at the end of the data segment to decrypt");
        }
        return new int[] {start, end};
    }

    private static byte[] splice(byte[] segment, int[] region, byte[] replacement) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(segment.length + replacement.length);
        out.write(segment, 0, region[0]);
        out.writeBytes(replacement);
        out.write(segment, region[1], segment.length - region[1]);
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
