package org.parkwatch.gateway.server;

import java.time.Duration;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.parkwatch.gateway.GatewayMetrics;
import org.parkwatch.gateway.intake.ConnectionIntake;
import org.parkwatch.gateway.intake.Outcome;
import org.parkwatch.gateway.intake.PacketResult;
import org.parkwatch.gateway.intake.OutcomePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device connection: its bytes go to its own {@link ConnectionIntake} (on the connection's event loop, so in
 * order), each outcome is published, and its answer is written once the publication is acknowledged. A write that
 * fails leaves the packet unanswered: the device sends it again.
 */
final class DeviceConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnectionHandler.class);

    private final ConnectionIntake intake;
    private final OutcomePublisher publisher;
    private final GatewayMetrics metrics;
    private final DeviceChannels channels;
    private String peer = "unknown";

    DeviceConnectionHandler(ConnectionIntake intake, OutcomePublisher publisher, GatewayMetrics metrics,
                            DeviceChannels channels) {
        this.intake = intake;
        this.publisher = publisher;
        this.metrics = metrics;
        this.channels = channels;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        peer = String.valueOf(ctx.channel().remoteAddress());
        metrics.connectionOpened();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buffer = (ByteBuf) msg;
        try {
            handle(ctx, intake.feed(ByteBufUtil.getBytes(buffer)));
        } finally {
            buffer.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handle(ctx, intake.finish());
        channels.disconnected(ctx.channel());
        metrics.connectionClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.debug("Closing idle device connection {}", peer);
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("Device connection {} failed: {}", peer, cause.toString());
        ctx.close();
    }

    private void handle(ChannelHandlerContext ctx, List<Outcome> outcomes) {
        for (Outcome outcome : outcomes) {
            long received = System.nanoTime();
            metrics.packet(outcome.cn(), outcome.result());
            if (outcome.result() != PacketResult.REFUSED && outcome.rawKey() != null) {
                metrics.deviceSeen(outcome.rawKey());
                channels.connected(outcome.rawKey(), ctx.channel());
            }
            outcome.rejection().ifPresent(rejection -> metrics.rejected(rejection.fault()));
            publisher.publish(outcome, peer).whenComplete((written, failure) -> {
                if (failure != null) {
                    metrics.publishFailed();
                    LOG.warn("Packet from {} not written, left unanswered: {}", peer, failure.toString());
                    return;
                }
                outcome.answer().ifPresent(answer -> {
                    if (ctx.channel().isActive()) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
                        metrics.answered(Duration.ofNanos(System.nanoTime() - received));
                    }
                });
            });
        }
    }
}
