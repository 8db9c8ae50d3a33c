/** Water devices' HJ 212 data turned into the pipeline's wastewater samples; no Kafka, no Netty. */
package org.parkwatch.gateway.water;
