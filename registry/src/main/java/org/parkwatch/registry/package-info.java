/** A Confluent-compatible Schema Registry server backed by a compacted Kafka topic. */
package org.parkwatch.registry;
