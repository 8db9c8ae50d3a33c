/** The Kafka adapter that replicates the registry state through a compacted single-partition topic. */
package org.parkwatch.registry.log;
