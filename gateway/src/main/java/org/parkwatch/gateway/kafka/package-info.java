/** The gateway's Kafka side: the device list read from its compacted topic, and the writes of each packet. */
package org.parkwatch.gateway.kafka;
