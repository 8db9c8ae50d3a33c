package org.parkwatch.gateway;

import java.time.Duration;
import java.time.ZoneId;

import org.parkwatch.gateway.gaps.DataGapSettings;

/**
 * How the gateway listens and where it writes.
 *
 * @param host           address to listen on
 * @param port           TCP port; 0 picks a free one
 * @param idleTimeout    a connection silent this long is closed (devices reconnect)
 * @param zone           the zone of the devices' clocks, in which DataTime is read
 * @param startupTimeout how long start-up waits for the device list (and the open gaps) to be read
 * @param gaps           how data gaps are judged and missing hours asked for again
 */
public record GatewaySettings(String host, int port, Duration idleTimeout, ZoneId zone, Duration startupTimeout,
                              GatewayTopics topics, DataGapSettings gaps) {

    /** With the default data-gap settings. */
    public GatewaySettings(String host, int port, Duration idleTimeout, ZoneId zone, Duration startupTimeout,
                           GatewayTopics topics) {
        this(host, port, idleTimeout, zone, startupTimeout, topics, DataGapSettings.defaults());
    }
}
