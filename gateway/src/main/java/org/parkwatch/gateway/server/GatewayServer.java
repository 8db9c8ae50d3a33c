package org.parkwatch.gateway.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.parkwatch.gateway.GatewayMetrics;
import org.parkwatch.gateway.intake.ConnectionIntake;
import org.parkwatch.gateway.intake.OutcomePublisher;

/** The TCP server devices connect to: one acceptor thread, and event-loop threads for the connections. */
public final class GatewayServer implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;

    private GatewayServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel channel) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.channel = channel;
    }

    /**
     * Listens on {@code host:port} (0: a free port).
     *
     * @param intakes a new intake for each connection
     */
    public static GatewayServer start(String host, int port, Duration idleTimeout, Supplier<ConnectionIntake> intakes,
                                      OutcomePublisher publisher, GatewayMetrics metrics) throws InterruptedException {
        return start(host, port, idleTimeout, intakes, publisher, metrics, DeviceChannels.NONE);
    }

    /** @param channels told which connection each device is on */
    public static GatewayServer start(String host, int port, Duration idleTimeout, Supplier<ConnectionIntake> intakes,
                                      OutcomePublisher publisher, GatewayMetrics metrics, DeviceChannels channels)
            throws InterruptedException {
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                    .addLast(new DeviceConnectionHandler(intakes.get(), publisher, metrics,
                                            channels));
                        }
                    })
                    .bind(host, port).sync().channel();
            return new GatewayServer(acceptor, workers, channel);
        } catch (InterruptedException | RuntimeException e) {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The port devices connect to. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
