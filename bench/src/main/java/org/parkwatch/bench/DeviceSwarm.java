package org.parkwatch.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.parkwatch.gateway.hj212.FrameScanner;
import org.parkwatch.gateway.hj212.Scanned;
import org.parkwatch.simulator.hj212.DataLogger;

/**
 * Many simulated HJ 212 devices on one Netty event loop (one thread, not one per device): each holds a connection to
 * the gateway and, in a round, sends its packets one at a time, the next as soon as the 9014 answer of the previous
 * came. Each answer is timed from the moment its packet was written, at the device's side.
 */
final class DeviceSwarm implements AutoCloseable {

    /** One packet a device sends: its frame, its QN, by which its answer is known, and the device's MN. */
    record Packet(byte[] frame, String qn, String mn) {
    }

    /** What one round gave: packets sent and answered, its wall time and every answer's latency. */
    record Round(long sent, long answered, double seconds, List<Long> latencyNanos) {
    }

    private static final int CONNECT_BATCH = 100;

    private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final List<DeviceHandler> devices = new ArrayList<>();

    /** Connects {@code count} devices, a batch at a time so the gateway's accept backlog never overflows. */
    static DeviceSwarm connect(InetSocketAddress gateway, int count) throws InterruptedException {
        DeviceSwarm swarm = new DeviceSwarm();
        try {
            Bootstrap bootstrap = new Bootstrap().group(swarm.loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
            for (int start = 0; start < count; start += CONNECT_BATCH) {
                List<ChannelFuture> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + CONNECT_BATCH); i++) {
                    DeviceHandler device = new DeviceHandler();
                    swarm.devices.add(device);
                    batch.add(bootstrap.clone().handler(device).connect(gateway));
                }
                for (ChannelFuture future : batch) {
                    future.sync();
                }
            }
            return swarm;
        } catch (InterruptedException | RuntimeException e) {
            swarm.close();
            throw e;
        }
    }

    /**
     * Every device sends its packets ({@code packets.get(i)} for device i); returns when all are answered or at
     * {@code timeout}, counting the unanswered as such.
     */
    Round round(List<List<Packet>> packets, Duration timeout) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(devices.size());
        long sent = packets.stream().mapToLong(List::size).sum();
        long start = System.nanoTime();
        for (int i = 0; i < devices.size(); i++) {
            DeviceHandler device = devices.get(i);
            List<Packet> own = packets.get(i);
            device.channel.eventLoop().execute(() -> device.begin(own, done));
        }
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> latencies = new ArrayList<>();
        CountDownLatch collected = new CountDownLatch(devices.size());
        // Read on the event loop that wrote them, so a round cut short by its timeout is read consistently too.
        for (DeviceHandler device : devices) {
            device.channel.eventLoop().execute(() -> {
                synchronized (latencies) {
                    for (int k = 0; k < device.answered; k++) {
                        latencies.add(device.latencies[k]);
                    }
                }
                device.stop();
                collected.countDown();
            });
        }
        collected.await(10, TimeUnit.SECONDS);
        synchronized (latencies) {
            return new Round(sent, latencies.size(), seconds, List.copyOf(latencies));
        }
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** One device: its connection, the packets of the current round and the latencies of their answers. */
    private static final class DeviceHandler extends ChannelInboundHandlerAdapter {

        private final FrameScanner scanner = new FrameScanner();
        private Channel channel;
        private List<Packet> packets = List.of();
        private long[] latencies = new long[0];
        private int answered;
        private long sentAt;
        private CountDownLatch done;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            ctx.fireChannelActive();
        }

        void begin(List<Packet> round, CountDownLatch roundDone) {
            packets = round;
            latencies = new long[round.size()];
            answered = 0;
            done = roundDone;
            sendNext();
        }

        void stop() {
            packets = List.of();
        }

        private void sendNext() {
            if (answered >= packets.size()) {
                done.countDown();
                return;
            }
            sentAt = System.nanoTime();
            channel.writeAndFlush(Unpooled.wrappedBuffer(packets.get(answered).frame()));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buffer = (ByteBuf) msg;
            byte[] bytes;
            try {
                bytes = ByteBufUtil.getBytes(buffer);
            } finally {
                buffer.release();
            }
            for (Scanned scanned : scanner.feed(bytes)) {
                if (answered < packets.size() && DataLogger.answerTo(scanned, packets.get(answered).qn())
                        .filter(DataLogger.DataAnswer.class::isInstance).isPresent()) {
                    latencies[answered++] = System.nanoTime() - sentAt;
                    sendNext();
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
