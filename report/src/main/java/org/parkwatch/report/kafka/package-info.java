/** The thin Kafka side of reports: reads the period's records off the topics with a plain consumer. */
package org.parkwatch.report.kafka;
