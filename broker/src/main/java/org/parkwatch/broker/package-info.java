/** A single-node KRaft Kafka broker run in-process from Apache Kafka's own jars, for the local stack and tests. */
package org.parkwatch.broker;
