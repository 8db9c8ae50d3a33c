package org.parkwatch.simulator.hj212;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.Packet;
import org.parkwatch.gateway.hj212.PacketParser;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.gateway.hj212.UnreadablePacketException;

/**
 * The TCP side of one data logger: it keeps a connection to the platform, sends a packet and, when the packet asks
 * for an answer, waits for the answer with the packet's QN. Heard nothing within the timeout, it sends the packet
 * again, up to the retry count, as HJ 212-2017 Table 1 sets (timeout 5 s, 3 retries, both adjustable), then
 * reconnects and starts over: an unanswered packet is never given up while the logger runs.
 */
public final class DataLogger implements Closeable {

    /** What the platform answered. */
    public sealed interface Answer permits DataAnswer, Refused {
    }

    /** 9014: the data were received. */
    public record DataAnswer() implements Answer {
    }

    /** 9011 with a QnRtn other than 1: the packet was refused (3 password, 4 MN, 9 CRC error...). */
    public record Refused(int qnRtn) implements Answer {
    }

    private final InetSocketAddress platform;
    private final Duration timeout;
    private final int retries;
    private volatile Socket socket;
    private FrameScanner scanner;
    private volatile boolean closed;
    /** What the platform asked for unprompted (reissue requests), heard while waiting for answers or polled. */
    private final List<Packet> requests = new ArrayList<>();

    public DataLogger(InetSocketAddress platform, Duration timeout, int retries) {
        this.platform = platform;
        this.timeout = timeout;
        this.retries = retries;
    }

    /** Sends a packet that asks for none (real-time data): written once, on a fresh connection if need be. */
    public void sendUnanswered(byte[] frame) throws InterruptedException {
        while (!closed) {
            try {
                connection().getOutputStream().write(frame);
                return;
            } catch (IOException e) {
                reconnectLater();
            }
        }
    }

    /**
     * Sends {@code bytes} (one packet with QN {@code qn}, possibly after garbage) until the platform answers it.
     *
     * @throws InterruptedException when the logger is closed or the thread interrupted before an answer came
     */
    public Answer send(byte[] bytes, String qn) throws InterruptedException {
        while (true) {
            for (int attempt = 0; attempt <= retries; attempt++) {
                if (closed || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("data logger closed");
                }
                try {
                    connection().getOutputStream().write(bytes);
                    Optional<Answer> answer = awaitAnswer(qn);
                    if (answer.isPresent()) {
                        return answer.get();
                    }
                } catch (IOException e) {
                    reconnectLater();
                }
            }
            // No answer after every retry: the platform may have lost the connection's state; start afresh.
            disconnect();
        }
    }

    private Optional<Answer> awaitAnswer(String qn) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[2048];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int read;
            try {
                read = in.read(chunk);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            }
            if (read < 0) {
                throw new IOException("platform closed the connection");
            }
            Optional<Answer> answer = Optional.empty();
            for (Scanned scanned : scanner.feed(java.util.Arrays.copyOf(chunk, read))) {
                platformRequest(scanned).ifPresent(requests::add);
                if (answer.isEmpty()) {
                    answer = answerTo(scanned, qn);
                }
            }
            if (answer.isPresent()) {
                return answer;
            }
        }
    }

    /** The answer {@code scanned} gives to the packet {@code qn}, if it is one; anything else is not for us. */
    public static Optional<Answer> answerTo(Scanned scanned, String qn) {
        if (!(scanned instanceof Scanned.Frame frame) || !frame.crcMatches()) {
            return Optional.empty();
        }
        Packet packet;
        try {
            packet = PacketParser.parse(new String(frame.dataSegment(), StandardCharsets.UTF_8));
        } catch (UnreadablePacketException e) {
            return Optional.empty();
        }
        if (!packet.qn().map(qn::equals).orElse(false)) {
            return Optional.empty();
        }
        return switch (packet.cn()) {
            case "9014" -> Optional.of(new DataAnswer());
            case "9011" -> packet.field("QnRtn").filter(code -> code.matches("\\d{1,4}") && !"1".equals(code))
                    .map(code -> (Answer) new Refused(Integer.parseInt(code)));
            default -> Optional.empty();
        };
    }

    /**
     * The platform's requests heard since the last call, after reading whatever has come on the connection without
     * waiting: a logger between uploads still hears the platform.
     */
    public List<Packet> platformRequests() {
        if (socket != null) {
            try {
                InputStream in = socket.getInputStream();
                byte[] chunk = new byte[2048];
                while (in.available() > 0) {
                    int read = in.read(chunk, 0, Math.min(chunk.length, in.available()));
                    if (read <= 0) {
                        break;
                    }
                    for (Scanned scanned : scanner.feed(java.util.Arrays.copyOf(chunk, read))) {
                        platformRequest(scanned).ifPresent(requests::add);
                    }
                }
            } catch (IOException e) {
                disconnect(); // reconnects on the next send
            }
        }
        List<Packet> heard = List.copyOf(requests);
        requests.clear();
        return heard;
    }

    /**
     * A request of the platform for history (HJ 212-2017 Appendix C: CN 2031, 2051 or 2061 with BeginTime and
     * EndTime, an answer asked), if {@code scanned} is one.
     */
    static Optional<Packet> platformRequest(Scanned scanned) {
        if (!(scanned instanceof Scanned.Frame frame) || !frame.crcMatches()) {
            return Optional.empty();
        }
        try {
            Packet packet = PacketParser.parse(new String(frame.dataSegment(), StandardCharsets.UTF_8));
            return HISTORY_REQUESTS.contains(packet.cn()) && packet.field("BeginTime").isPresent()
                    && packet.field("EndTime").isPresent() && packet.qn().isPresent()
                    ? Optional.of(packet) : Optional.empty();
        } catch (UnreadablePacketException e) {
            return Optional.empty();
        }
    }

    private static final Set<String> HISTORY_REQUESTS = Set.of("2031", "2051", "2061");

    /** Drops the connection, as a logger losing its link does; the next send connects again. */
    public void dropConnection() {
        disconnect();
    }

    private Socket connection() throws IOException {
        if (socket == null) {
            Socket fresh = new Socket();
            fresh.setTcpNoDelay(true);
            fresh.connect(platform, (int) timeout.toMillis());
            socket = fresh;
            scanner = new FrameScanner();
        }
        return socket;
    }

    private void reconnectLater() throws InterruptedException {
        disconnect();
        Thread.sleep(Math.min(timeout.toMillis(), 1_000));
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a broken connection: nothing left to do
            }
            socket = null;
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }
}
