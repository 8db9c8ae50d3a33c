/**
 * The HJ 212 gateway: monitoring devices connect over TCP; their packets are checked, kept on a raw topic, turned
 * into the pipeline's input records, and answered once Kafka holds them.
 */
package org.parkwatch.gateway;
