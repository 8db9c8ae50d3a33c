package org.parkwatch.gateway.hj212;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one connection's byte stream into HJ 212 frames: {@code ##}, a four-digit decimal length n, a data segment
 * of n bytes, four hexadecimal digits of CRC, CRLF. A frame is found by its header and length, never by CRLF
 * alone, so several frames in one read and one frame over several reads come out the same. Bytes before a header
 * are refused as {@link PacketFault#BAD_FRAME}; a header whose length is unreadable, too large or not followed by
 * CRC and CRLF where it says is refused together with everything up to the next {@code ##}, where scanning resumes.
 * Not thread-safe: one scanner per connection.
 */
public final class FrameScanner {

    /** The longest data segment the standard allows (Table 2). */
    public static final int MAX_DATA_SEGMENT = 1024;
    private static final int HEADER = 6; // ## and four digits
    private static final int TRAILER = 6; // four CRC digits and CRLF
    /** Refused bytes kept per dead letter; beyond it a run of garbage is cut into several. */
    static final int MAX_REFUSED_RUN = 64 * 1024;

    private byte[] buffer = new byte[2 * (HEADER + MAX_DATA_SEGMENT + TRAILER)];
    private int length;
    private final ByteArrayOutputStream refusedRun = new ByteArrayOutputStream();
    private PacketFault runFault;
    private String runDetail;

    /** The frames and refused runs completed by {@code chunk}, in stream order. */
    public List<Scanned> feed(byte[] chunk) {
        append(chunk);
        List<Scanned> found = new ArrayList<>();
        while (true) {
            int header = indexOfHeader(0);
            if (header < 0) {
                // A lone trailing '#' may be the first half of the next header.
                int keep = length > 0 && buffer[length - 1] == '#' ? 1 : 0;
                moveToRun(length - keep, found);
                break;
            }
            if (header > 0) {
                moveToRun(header, found);
            }
            flushRun(found);
            if (length < HEADER) {
                break;
            }
            String lengthField = new String(buffer, 2, 4, StandardCharsets.US_ASCII);
            if (!isDigits(lengthField)) {
                startRun(PacketFault.BAD_LENGTH, "length field '" + printable(lengthField)
                        + "' is not four decimal digits", found);
                continue;
            }
            int dataLength = Integer.parseInt(lengthField);
            if (dataLength > MAX_DATA_SEGMENT) {
                startRun(PacketFault.OVERSIZE, "data segment of " + dataLength + " bytes announced, more than the "
                        + MAX_DATA_SEGMENT + " the standard allows", found);
                continue;
            }
            int frameLength = HEADER + dataLength + TRAILER;
            if (nextFrameStartsWithin(frameLength)) {
                startRun(PacketFault.BAD_LENGTH, "length field announces " + dataLength
                        + " bytes but the next frame starts before they end", found);
                continue;
            }
            if (length < frameLength) {
                break;
            }
            if (buffer[frameLength - 2] != '\r' || buffer[frameLength - 1] != '\n') {
                startRun(PacketFault.BAD_LENGTH, "no CRC and CRLF after the " + dataLength
                        + " bytes the length field announces", found);
                continue;
            }
            byte[] frame = Arrays.copyOf(buffer, frameLength);
            consume(frameLength);
            String crc = new String(frame, HEADER + dataLength, 4, StandardCharsets.US_ASCII);
            if (!isHex(crc)) {
                found.add(new Scanned.Refused(PacketFault.BAD_FRAME, "CRC field '" + printable(crc)
                        + "' is not four hexadecimal digits", frame));
                continue;
            }
            byte[] data = Arrays.copyOfRange(frame, HEADER, HEADER + dataLength);
            found.add(new Scanned.Frame(frame, data, crc, Hj212Crc.of(data)));
        }
        return found;
    }

    /** At the end of the connection: whatever was not a whole frame, refused. */
    public List<Scanned> finish() {
        List<Scanned> found = new ArrayList<>();
        if (length > 0) {
            if (runFault == null && refusedRun.size() == 0 && length >= 2 && buffer[0] == '#' && buffer[1] == '#') {
                runFault = PacketFault.BAD_LENGTH;
                runDetail = "connection ended " + length + " bytes into a frame";
            }
            moveToRun(length, found);
        }
        flushRun(found);
        return found;
    }

    /** Bytes held waiting for the rest of a frame. */
    public int buffered() {
        return length + refusedRun.size();
    }

    private void startRun(PacketFault fault, String detail, List<Scanned> found) {
        flushRun(found);
        runFault = fault;
        runDetail = detail;
        moveToRun(2, found); // past this "##", so the search resumes after it
    }

    private void moveToRun(int count, List<Scanned> found) {
        int moved = 0;
        while (moved < count) {
            int room = MAX_REFUSED_RUN - refusedRun.size();
            int take = Math.min(room, count - moved);
            refusedRun.write(buffer, moved, take);
            moved += take;
            if (refusedRun.size() >= MAX_REFUSED_RUN) {
                flushRun(found);
            }
        }
        consume(count);
    }

    private void flushRun(List<Scanned> found) {
        if (refusedRun.size() == 0) {
            runFault = null;
            return;
        }
        byte[] bytes = refusedRun.toByteArray();
        refusedRun.reset();
        if (runFault == null) {
            found.add(new Scanned.Refused(PacketFault.BAD_FRAME, bytes.length + " bytes outside any frame", bytes));
        } else {
            found.add(new Scanned.Refused(runFault, runDetail, bytes));
        }
        runFault = null;
        runDetail = null;
    }

    /** Whether a CRLF followed by {@code ##} shows inside the announced frame: its length field is wrong. */
    private boolean nextFrameStartsWithin(int frameLength) {
        int end = Math.min(length, frameLength) - 3;
        for (int i = HEADER; i < end; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '#' && buffer[i + 3] == '#') {
                return true;
            }
        }
        return false;
    }

    private int indexOfHeader(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (buffer[i] == '#' && buffer[i + 1] == '#') {
                // In "x###0101", the header is the last two of the run: the first '#' is garbage.
                while (i + 2 < length && buffer[i + 2] == '#') {
                    i++;
                }
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] chunk) {
        if (length + chunk.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + chunk.length));
        }
        System.arraycopy(chunk, 0, buffer, length, chunk.length);
        length += chunk.length;
    }

    private void consume(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isHex(String s) {
        return s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c)));
        return out.toString();
    }
}
