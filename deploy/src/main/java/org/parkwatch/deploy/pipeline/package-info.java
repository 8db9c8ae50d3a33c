/** Runs the ParkWatch topology as a Kafka Streams client with bounded memory and an explicit failure policy. */
package org.parkwatch.deploy.pipeline;
