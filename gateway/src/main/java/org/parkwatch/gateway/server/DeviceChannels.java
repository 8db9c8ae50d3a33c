package org.parkwatch.gateway.server;

import io.netty.channel.Channel;

/** Which connection each device is on, for what the platform sends a device unasked (reissue requests). */
public interface DeviceChannels {

    DeviceChannels NONE = new DeviceChannels() {
        @Override
        public void connected(String mn, Channel channel) {
        }

        @Override
        public void disconnected(Channel channel) {
        }
    };

    /** A packet of device {@code mn} was let in on {@code channel}. */
    void connected(String mn, Channel channel);

    void disconnected(Channel channel);
}
