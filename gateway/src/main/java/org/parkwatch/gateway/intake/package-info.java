/** What the gateway does with each packet of a connection: checks, records to write, the answer; no Kafka, no Netty. */
package org.parkwatch.gateway.intake;
