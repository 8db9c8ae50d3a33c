/** Flue-gas devices' (CEMS, HJ 212 ST=31) data turned into the pipeline's flue-gas samples; no Kafka, no Netty. */
package org.parkwatch.gateway.flue;
